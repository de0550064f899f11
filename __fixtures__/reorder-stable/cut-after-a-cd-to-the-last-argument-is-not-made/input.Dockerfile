FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
WORKDIR /app
COPY . .
RUN mkdir -p /opt/tool && cd "$_" && apt-get update && apt-get download hello && cp /app/NOTICE .
