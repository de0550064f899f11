FROM debian:bookworm
COPY config/app.conf /usr/local/etc/app.conf
COPY . /app
# The package tools read /usr/local; the file copied there is a link in the context, whose target the later copy brings
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
