FROM debian:12
RUN apt-get update && apt-get install -y zlib1g-dev gcc && rm -rf /var/lib/apt/lists/*
