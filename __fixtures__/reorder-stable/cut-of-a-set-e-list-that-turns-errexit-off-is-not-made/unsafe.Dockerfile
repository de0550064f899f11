FROM debian:bookworm
RUN set -e; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    set +e; \
    grep -q '^VERSION_CODENAME=trixie' /etc/os-release
COPY . /app
RUN set -e; set +e; cp /app/config.txt /etc/app.conf
