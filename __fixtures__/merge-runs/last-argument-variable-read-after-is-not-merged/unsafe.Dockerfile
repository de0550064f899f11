FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN mkdir -p /srv/data && echo "$_" > /srv/last-argument
