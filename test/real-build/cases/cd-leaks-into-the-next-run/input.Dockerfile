FROM debian:bookworm
WORKDIR /srv
RUN cd /tmp
RUN touch made-here
