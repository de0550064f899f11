# syntax=docker/dockerfile:1
FROM debian:12
WORKDIR /app
COPY . .
RUN --mount=type=bind,source=go.mod,target=/tmp/go.mod apt-get install -y curl
