FROM debian:bookworm
ENV BASH_ENV=/etc/bash_env
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends make && echo 'export MAKEFLAGS=--silent' >> "$BASH_ENV" && env > /app/build-env.txt
