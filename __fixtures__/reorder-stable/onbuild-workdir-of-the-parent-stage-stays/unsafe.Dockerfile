FROM debian:bookworm AS base
RUN useradd --system app
ONBUILD WORKDIR /srv

FROM base
RUN chown -R app /srv/app
COPY . app
