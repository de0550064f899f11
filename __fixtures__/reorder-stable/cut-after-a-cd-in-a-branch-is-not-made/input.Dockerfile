FROM debian:bookworm
WORKDIR /app
COPY . .
RUN mkdir -p /opt/amd64 /opt/arm64 && case "$(dpkg --print-architecture)" in amd64) cd /opt/amd64 ;; *) cd /opt/arm64 ;; esac && apt-get update && apt-get download hello && cp /app/NOTICE . && ls -l /opt/*
