FROM debian:bookworm
WORKDIR /tmp
RUN debconf-set-selections debconf-selections.txt \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends locales \
 && rm -rf /var/lib/apt/lists/*
COPY debconf-selections.txt .
ENV LANG=de_DE.UTF-8
