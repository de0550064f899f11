# tools image
FROM alpine:3.20