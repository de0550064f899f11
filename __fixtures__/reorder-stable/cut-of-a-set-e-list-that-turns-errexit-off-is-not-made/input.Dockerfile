FROM debian:bookworm
COPY . /app
RUN set -e; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    set +e; \
    grep -q '^VERSION_CODENAME=trixie' /etc/os-release; \
    cp /app/config.txt /etc/app.conf
