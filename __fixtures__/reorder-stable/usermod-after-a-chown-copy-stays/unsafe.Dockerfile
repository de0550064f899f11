FROM debian:bookworm
RUN useradd --create-home app
# Match the uid of the volume owner on the host
RUN usermod -u 2000 app && groupmod -g 2000 app
COPY --chown=app:app . /srv/app
USER app
