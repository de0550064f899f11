FROM debian:bookworm
WORKDIR /app
COPY . .
RUN { cd /opt/a 2>/dev/null || cd /opt; } && apt-get update && apt-get download hello && cp /app/NOTICE .
