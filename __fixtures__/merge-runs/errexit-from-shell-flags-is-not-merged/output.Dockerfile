FROM debian:bookworm
SHELL ["/bin/sh", "-ec"]
RUN touch /srv/a && { false; touch /srv/b; }
RUN touch /srv/c
