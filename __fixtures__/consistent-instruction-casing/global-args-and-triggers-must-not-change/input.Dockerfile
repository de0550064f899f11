arg VERSION=3
FROM alpine:${VERSION}
ONBUILD run true
RUN true
