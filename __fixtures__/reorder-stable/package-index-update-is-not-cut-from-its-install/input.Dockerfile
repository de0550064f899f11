FROM debian:bookworm
WORKDIR /app
COPY debs/ ./debs/
# Cut after the update, the install would run on a package index cached in another layer
RUN apt-get update && apt-get install -y --no-install-recommends ./debs/tool.deb && rm -rf /var/lib/apt/lists/*
