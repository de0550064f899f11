FROM debian:bookworm-slim AS Builder
RUN echo hi > /x

FROM Builder AS Tests
RUN cat /x > /tested

FROM debian:bookworm-slim
COPY --from=Tests /tested /tested
