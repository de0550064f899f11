FROM debian:bookworm
RUN apt-get update && \
    printf '#!/bin/sh\nexec /usr/bin/apt-get -o "Dpkg::Options::=--path-exclude=/usr/share/doc/*" "$@"\n' > /usr/local/bin/apt-get && chmod +x /usr/local/bin/apt-get
RUN apt-get install -y --no-install-recommends rsync
COPY . /app
