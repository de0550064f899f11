FROM debian:bookworm
WORKDIR /srv/app
COPY . .
# The image must be built from a tree with a committed lockfile
RUN [ -f package-lock.json ]
