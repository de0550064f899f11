FROM debian:bookworm-slim AS builder
RUN echo hi > /x

FROM Builder AS tests
RUN cat /x > /tested

FROM debian:bookworm-slim
COPY --from=tests /tested /tested
