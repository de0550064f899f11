FROM debian:bookworm-slim AS builder
RUN echo hi > /x

FROM Builder AS tests
RUN cat /x
