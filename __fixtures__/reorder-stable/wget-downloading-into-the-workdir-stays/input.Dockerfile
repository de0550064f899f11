FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends wget ca-certificates
WORKDIR /srv/app
COPY . /srv/app
RUN wget -q https://deb.debian.org/debian/README
