FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends apache2 && rm -rf /var/lib/apt/lists/*
COPY . /var/www/html
# a2enmod links the module under /etc/apache2 and records it under /var/lib/apache2: nothing of the site
RUN a2enmod rewrite
CMD ["apache2ctl", "-D", "FOREGROUND"]
