ARG TAG
FROM --platform=$BUILDPLATFORM alpine:${TAG:-3.20}
FROM --platform=$TARGETPLATFORM busybox
