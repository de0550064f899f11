FROM debian:bookworm
RUN set -e; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates
COPY . /app
RUN set -e; for doc in /usr/share/doc/ca-certificates /usr/share/doc/curl; do [ -d "$doc" ] && echo "$doc" >> /etc/docs.txt; done; \
    cp /app/config.txt /etc/app.conf
