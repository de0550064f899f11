FROM debian:bookworm
RUN mkdir -p /var/www
COPY . /var/www/html
RUN chown -R www-data:www-data /var/www/*
