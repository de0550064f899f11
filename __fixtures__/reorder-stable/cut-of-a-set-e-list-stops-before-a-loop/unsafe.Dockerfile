FROM debian:bookworm
RUN set -e; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates; \
    for doc in /usr/share/doc/ca-certificates /usr/share/doc/curl; do [ -d "$doc" ] && echo "$doc" >> /etc/docs.txt; done
COPY . /app
RUN set -e; cp /app/config.txt /etc/app.conf
