FROM debian:12
RUN set -e; apt-get update
RUN apt-get install -y curl || true
