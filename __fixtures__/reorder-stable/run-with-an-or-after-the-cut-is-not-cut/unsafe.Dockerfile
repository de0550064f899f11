FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN curl -fsSL http://deb.debian.org/debian/extras/fonts-v2.tar.gz -o /tmp/fonts.tgz
COPY . .
RUN tar -xzf /tmp/fonts.tgz -C /app/static || echo "optional fonts unavailable, using system fonts"
