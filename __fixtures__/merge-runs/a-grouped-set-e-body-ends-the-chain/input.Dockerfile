FROM debian:12
RUN set -eux; mkdir -p /srv
RUN set -eux; touch /srv/a; touch /srv/b
RUN set -eux; touch /srv/c
