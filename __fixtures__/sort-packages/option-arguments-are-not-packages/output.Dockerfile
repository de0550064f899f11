FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps --repository https://dl-cdn.alpinelinux.org/alpine/edge/main \
    gcc \
    musl-dev
