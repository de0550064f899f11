FROM debian:bookworm
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends make && make && rm -rf /var/lib/apt/lists/*
