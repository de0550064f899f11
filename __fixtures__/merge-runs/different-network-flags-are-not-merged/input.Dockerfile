# syntax=docker/dockerfile:1
FROM debian:12
RUN --network=none make test
RUN make install
