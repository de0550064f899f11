FROM alpine
LABEL org.opencontainers.image.authors="jane@example.org"
