FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends php-cli composer unzip && rm -rf /var/lib/apt/lists/*
ENV COMPOSER_ALLOW_SUPERUSER=1
RUN composer config --global classmap-authoritative true
WORKDIR /app
COPY . /app
RUN composer install --no-dev --no-interaction
RUN php public/index.php
CMD ["php", "public/index.php"]
