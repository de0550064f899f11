FROM debian:bookworm AS base
RUN useradd --system app
ONBUILD WORKDIR /srv

FROM base
COPY . app
RUN chown -R app /srv/app
