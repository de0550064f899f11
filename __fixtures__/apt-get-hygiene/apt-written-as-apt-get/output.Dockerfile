FROM debian:12
RUN apt-get update && \
    sudo /usr/bin/apt-get install -y --no-install-recommends curl && \
    apt upgrade -y && \
    rm -rf /var/lib/apt/lists/*
