FROM debian:12
RUN ( cd /tmp && touch marker ) && touch /srv/ready
