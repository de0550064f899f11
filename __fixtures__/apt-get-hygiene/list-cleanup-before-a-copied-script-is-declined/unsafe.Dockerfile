FROM debian:bookworm

RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && \
    rm -rf /var/lib/apt/lists/*

COPY scripts/install-tools.sh /usr/local/bin/install-tools.sh
RUN install-tools.sh

CMD ["bash"]
