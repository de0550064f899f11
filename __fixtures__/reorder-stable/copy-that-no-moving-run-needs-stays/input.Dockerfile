FROM debian:bookworm
COPY . /app
COPY docker/entrypoint.sh /entrypoint.sh
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["/entrypoint.sh"]
