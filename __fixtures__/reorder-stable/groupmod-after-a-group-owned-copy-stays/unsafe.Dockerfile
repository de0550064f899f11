FROM debian:bookworm
RUN groupadd --system web
RUN groupmod --gid 3000 web
COPY --chown=root:web . /var/www/site
