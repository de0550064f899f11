FROM debian:bookworm AS build
COPY site/ /site/
RUN mkdir -p /out && cp -r /site/. /out/

FROM debian:bookworm
COPY --from=build /out/ /var/www/html/
RUN chown -R www-data:www-data /var/www/html
RUN usermod -u 1000 www-data && groupmod -g 1000 www-data
