FROM debian:12
RUN apt update && \
    sudo /usr/bin/apt install -y --no-install-recommends curl && \
    apt upgrade -y && \
    rm -rf /var/lib/apt/lists/*
