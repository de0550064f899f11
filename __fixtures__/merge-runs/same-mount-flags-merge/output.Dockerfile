# syntax=docker/dockerfile:1
FROM golang:1.23
WORKDIR /src
RUN --mount=type=cache,target=/root/.cache/go-build go build ./... && \
    go test ./...
