FROM debian:bookworm
WORKDIR /app
COPY . .
RUN cd "$(mktemp -d)" && apt-get update && apt-get download hello && dpkg-deb -x hello_*.deb /opt/hello && cp /app/NOTICE . && ls -la > /app/listing.txt
