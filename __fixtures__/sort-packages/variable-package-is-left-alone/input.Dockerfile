FROM php:8
RUN apt-get install -y $PHPIZE_DEPS zlib1g-dev gcc
