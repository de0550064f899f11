FROM debian:bookworm
RUN useradd --create-home app
COPY --chown=app:app . /srv/app
# Match the uid of the volume owner on the host
RUN usermod -u 2000 app && groupmod -g 2000 app
USER app
