FROM debian:12
RUN apt-get update && apt-get install -y \
    gcc \
    zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
