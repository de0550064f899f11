FROM debian:12
RUN set -e; if [ -d /srv ]; then false; touch /srv/after; fi
RUN set -e; echo next
