FROM debian:bookworm
RUN groupadd --system web
COPY --chown=root:web . /var/www/site
RUN groupmod --gid 3000 web
