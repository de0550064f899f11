FROM php:8-apache
RUN apt-get update
RUN pecl install redis
