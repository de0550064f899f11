FROM debian:bookworm
COPY . /srv/site
WORKDIR /opt/downloads
RUN wget -q https://deb.debian.org/debian/README
