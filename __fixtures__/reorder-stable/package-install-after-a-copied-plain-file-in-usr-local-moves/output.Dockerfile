FROM debian:bookworm
COPY config/app.conf /usr/local/etc/app.conf
# The package tools read /usr/local; the file copied there is a plain file of the context, not a link
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
COPY . /app
