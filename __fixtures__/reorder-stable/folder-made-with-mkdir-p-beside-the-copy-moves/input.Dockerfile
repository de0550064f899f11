FROM debian:bookworm-slim

RUN useradd --system --home-dir /srv/www --shell /usr/sbin/nologin web

COPY public/ /srv/www/html/

# the server writes its logs beside the site
RUN mkdir -p /srv/www/logs && chown web:web /srv/www/logs

USER web
CMD ["busybox", "httpd", "-f", "-p", "8080", "-h", "/srv/www/html"]
