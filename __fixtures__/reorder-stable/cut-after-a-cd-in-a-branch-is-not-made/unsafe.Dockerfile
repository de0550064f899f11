FROM debian:bookworm
WORKDIR /app
RUN mkdir -p /opt/amd64 /opt/arm64 && case "$(dpkg --print-architecture)" in amd64) cd /opt/amd64 ;; *) cd /opt/arm64 ;; esac && apt-get update && apt-get download hello
COPY . .
RUN cd /opt/amd64 && cd /opt/arm64 && cp /app/NOTICE . && ls -l /opt/*
