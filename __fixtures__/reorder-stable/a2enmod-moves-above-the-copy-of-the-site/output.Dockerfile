FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends apache2 && rm -rf /var/lib/apt/lists/*
# a2enmod links the module under /etc/apache2 and records it under /var/lib/apache2: nothing of the site
RUN a2enmod rewrite
COPY . /var/www/html
CMD ["apache2ctl", "-D", "FOREGROUND"]
