FROM debian:bookworm
RUN groupadd --system web && useradd --system --gid web --no-create-home web
COPY . /srv/app
WORKDIR /srv/app/web
RUN chown -R web:web /srv/app
USER web
