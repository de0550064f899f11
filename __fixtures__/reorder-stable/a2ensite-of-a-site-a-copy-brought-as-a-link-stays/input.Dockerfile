FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends apache2 \
    && rm -rf /var/lib/apt/lists/*
COPY docker/apache/ /etc/apache2/sites-available/
COPY . /var/www/html
RUN a2enmod rewrite && a2dissite 000-default && a2ensite app
CMD ["apache2ctl", "-D", "FOREGROUND"]
