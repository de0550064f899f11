FROM debian:bookworm-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends busybox \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /srv/www --shell /usr/sbin/nologin web

COPY public/ /srv/www/html/

# the server writes its pid file and logs beside the site, so the site root belongs to it
RUN chown web:web /srv/www && chmod 0750 /srv/www

USER web
CMD ["busybox", "httpd", "-f", "-p", "8080", "-h", "/srv/www/html"]
