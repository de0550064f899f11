FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* && \
    ln -s /opt/deploy-tools/bin/deploy /usr/local/bin/ && chmod 0755 /usr/local/bin/deploy
COPY . /opt/deploy-tools
CMD ["deploy"]
