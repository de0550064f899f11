FROM debian:bookworm
RUN wget -q https://deb.debian.org/debian/README
COPY . /srv/site
WORKDIR /opt/downloads
