FROM alpine:3.20
RUN --network=none apk add --allow-untrusted /tmp/pkg.apk
