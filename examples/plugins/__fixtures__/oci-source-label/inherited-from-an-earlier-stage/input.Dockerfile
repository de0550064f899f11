FROM alpine:3.20 AS base
LABEL "org.opencontainers.image.source"="https://github.com/acme/tools"

FROM base
RUN echo hi
