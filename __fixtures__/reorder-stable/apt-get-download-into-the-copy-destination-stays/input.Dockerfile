FROM debian:bookworm
WORKDIR /app
COPY . .
RUN apt-get update && apt-get download hello && cd /app/sub && cp ../NOTICE .
