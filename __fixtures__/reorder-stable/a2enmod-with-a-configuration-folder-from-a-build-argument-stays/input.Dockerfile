FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends apache2 && rm -rf /var/lib/apt/lists/*
ARG APACHE_CONFDIR=/etc/apache2
COPY apache/ /srv/apache/
# With --build-arg APACHE_CONFDIR=/srv/apache, a2enmod enables a module the COPY brings
RUN a2enmod rewrite
