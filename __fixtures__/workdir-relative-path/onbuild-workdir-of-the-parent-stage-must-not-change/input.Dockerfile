FROM debian:bookworm-slim AS base
ONBUILD WORKDIR /srv

FROM base
WORKDIR app
RUN pwd > /where
