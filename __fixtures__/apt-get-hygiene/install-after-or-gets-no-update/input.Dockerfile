FROM debian:12
RUN command -v curl || apt-get install -y --no-install-recommends curl
