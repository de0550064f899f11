FROM alpine:3.20
RUN apk add --no-cache wget
RUN wget --progress=dot:giga https://example.org/a.tgz
