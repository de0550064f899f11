FROM debian:12
RUN set -e; cd /srv; touch a
RUN touch /b
