FROM --platform=$BUILDPLATFORM alpine
FROM --platform=${TARGETPLATFORM%/*}/arm64 busybox
