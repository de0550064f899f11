FROM debian:bookworm
WORKDIR /app
RUN mkdir /tmp/build && cd /tmp/build && apt-get update && apt-get download hello && dpkg -i hello_*.deb && cd / && rm -rf /tmp/build
COPY . .
RUN cd /tmp/build && cd / && cp /app/NOTICE /usr/share/doc/hello/NOTICE
