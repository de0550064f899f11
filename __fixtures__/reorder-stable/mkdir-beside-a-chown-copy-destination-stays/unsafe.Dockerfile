FROM debian:bookworm AS build
COPY site/ /site/
RUN mkdir -p /out && cp -r /site/. /out/

FROM debian:bookworm
RUN mkdir -p /srv/www/uploads
COPY --from=build --chown=www-data:www-data /out/ /srv/www/app/
