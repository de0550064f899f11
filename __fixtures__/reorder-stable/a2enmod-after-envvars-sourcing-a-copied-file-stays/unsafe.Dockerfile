FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends apache2 \
    && rm -rf /var/lib/apt/lists/* \
    && echo '. /var/www/html/.apache-env' >> /etc/apache2/envvars \
    && a2enmod rewrite headers
COPY . /var/www/html
CMD ["apache2ctl", "-D", "FOREGROUND"]
