FROM --platform=$TARGETPLATFORM alpine
FROM --platform=${TARGETPLATFORM} busybox
