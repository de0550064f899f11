FROM debian:bookworm
WORKDIR /app
RUN cd "$(mktemp -d)" && apt-get update && apt-get download hello
COPY . .
RUN cd "$(mktemp -d)" && dpkg-deb -x hello_*.deb /opt/hello && cp /app/NOTICE . && ls -la > /app/listing.txt
