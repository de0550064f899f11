FROM debian:bookworm
SHELL ["/bin/sh", "-ec"]
RUN touch /srv/a && { false; touch /srv/b; } && touch /srv/c
