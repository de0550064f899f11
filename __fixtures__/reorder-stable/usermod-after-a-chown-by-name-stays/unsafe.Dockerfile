FROM debian:bookworm AS build
COPY site/ /site/
RUN mkdir -p /out && cp -r /site/. /out/

FROM debian:bookworm
RUN usermod -u 1000 www-data && groupmod -g 1000 www-data
COPY --from=build /out/ /var/www/html/
RUN chown -R www-data:www-data /var/www/html
