FROM debian:bookworm-slim AS Builder
RUN echo hi > /x

FROM debian:bookworm-slim AS Runtime
COPY --from=Builder /x /x
