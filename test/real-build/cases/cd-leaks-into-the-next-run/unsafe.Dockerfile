FROM debian:bookworm
WORKDIR /srv
RUN cd /tmp && touch made-here
