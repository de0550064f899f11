FROM debian:bookworm-slim AS Builder
RUN echo hi > /x

FROM Builder AS tests
RUN cat /x
