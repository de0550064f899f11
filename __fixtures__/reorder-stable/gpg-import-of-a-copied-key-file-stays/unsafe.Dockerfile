FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends gnupg \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/release
RUN gpg --batch --import KEYS \
 && gpg --batch --list-keys
COPY KEYS ./
