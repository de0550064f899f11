FROM debian:bookworm
COPY . /srv/site
WORKDIR /app
RUN pwd > /tmp/where
