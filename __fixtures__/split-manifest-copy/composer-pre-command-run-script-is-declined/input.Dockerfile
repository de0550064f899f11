FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends php-cli composer unzip && rm -rf /var/lib/apt/lists/*
ENV COMPOSER_ALLOW_SUPERUSER=1
WORKDIR /app
COPY . /app
RUN composer install --no-dev --no-interaction
CMD ["php", "public/index.php"]
