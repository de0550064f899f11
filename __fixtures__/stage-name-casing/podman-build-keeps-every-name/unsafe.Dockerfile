FROM debian:bookworm-slim AS builder
RUN echo hi > /x

FROM debian:bookworm-slim AS runtime
COPY --from=builder /x /x
