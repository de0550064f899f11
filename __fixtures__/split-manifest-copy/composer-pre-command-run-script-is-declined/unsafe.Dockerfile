FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends php-cli composer unzip && rm -rf /var/lib/apt/lists/*
ENV COMPOSER_ALLOW_SUPERUSER=1
WORKDIR /app
COPY composer.json composer.lock /app/
RUN composer install --no-dev --no-interaction
COPY . /app
CMD ["php", "public/index.php"]
