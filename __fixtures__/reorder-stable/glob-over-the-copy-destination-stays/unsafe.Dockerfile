FROM debian:bookworm
RUN mkdir -p /var/www
RUN chown -R www-data:www-data /var/www/*
COPY . /var/www/html
