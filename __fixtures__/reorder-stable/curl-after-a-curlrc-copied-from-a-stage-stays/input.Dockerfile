FROM debian:bookworm AS config
COPY config/ /config/
RUN chmod 600 /config/.curlrc

FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=config /config/.curlrc /root/.curlrc
RUN curl -fsSL http://deb.debian.org/debian/dists/bookworm/Release -o /opt/mirror/bookworm/Release
