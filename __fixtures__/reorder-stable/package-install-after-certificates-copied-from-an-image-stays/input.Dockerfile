FROM debian:bookworm
COPY src/ /app/
COPY --from=registry.corp.example/certs:1 /certs/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
CMD ["sh", "-c", "ls /etc/ssl/certs | grep -i corp"]
