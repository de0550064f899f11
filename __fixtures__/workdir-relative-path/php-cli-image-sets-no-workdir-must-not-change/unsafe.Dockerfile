FROM php:8.3-cli
WORKDIR /var/www/html/app
RUN pwd > /where
