FROM debian:12
RUN apt-get update && apt-get install -qq -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*
