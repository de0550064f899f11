FROM debian:12
RUN apt-get update && apt-get install -qq pkg && rm -rf /var/lib/apt/lists/*
