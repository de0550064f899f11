FROM debian:bookworm
COPY --chown=1000:1000 . /srv/app/src
COPY docker/app.conf /srv/app/app.conf
RUN chmod 600 /srv/app/app.conf
