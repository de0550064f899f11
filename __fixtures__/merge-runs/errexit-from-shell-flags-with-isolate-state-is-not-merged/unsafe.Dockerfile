FROM debian:bookworm
SHELL ["/bin/sh", "-ec"]
RUN ( cd /srv && false; touch /srv/after-false ) && touch /srv/ready
