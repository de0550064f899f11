FROM debian:12
RUN cd /tmp && touch marker
RUN touch /srv/ready
