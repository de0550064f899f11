FROM debian:12
RUN set -eux; \
    apt-get update && \
    { set -eux; \
    apt-get install -y curl; \
    rm -rf /var/lib/apt/lists/*; }
