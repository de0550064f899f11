FROM debian:bookworm
RUN pwd > /tmp/where
COPY . /srv/site
WORKDIR /app
