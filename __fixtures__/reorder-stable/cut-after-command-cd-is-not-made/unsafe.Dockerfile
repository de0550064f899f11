FROM debian:bookworm
WORKDIR /app
RUN command cd /opt && apt-get update && apt-get download hello
COPY . .
RUN cp /app/NOTICE .
