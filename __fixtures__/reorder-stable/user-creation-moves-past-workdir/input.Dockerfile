FROM debian:bookworm
COPY . /srv/app
WORKDIR /srv/app/web
RUN groupadd --system web && useradd --system --gid web --no-create-home web
RUN chown -R web:web /srv/app
USER web
