FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN mkdir -p /srv/data
RUN echo "$_" > /srv/last-argument
