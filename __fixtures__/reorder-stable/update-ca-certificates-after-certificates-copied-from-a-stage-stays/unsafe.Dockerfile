FROM debian:bookworm AS certs
COPY certs/ /certs/
RUN mkdir -p /out && cp /certs/*.crt /out/

FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
RUN update-ca-certificates
COPY --from=certs /out/ /usr/local/share/ca-certificates/
CMD ["sh", "-c", "ls -l /etc/ssl/certs | grep -i corp"]
