FROM debian:bookworm
WORKDIR /app
COPY . .
RUN command cd /opt && apt-get update && apt-get download hello && cp /app/NOTICE .
