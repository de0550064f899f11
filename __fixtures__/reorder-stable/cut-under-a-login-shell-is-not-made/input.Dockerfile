FROM debian:bookworm
SHELL ["/bin/bash", "-lc"]
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends make && echo 'export MAKEFLAGS=--silent' > /etc/profile.d/make.sh && env > /app/build-env.txt
