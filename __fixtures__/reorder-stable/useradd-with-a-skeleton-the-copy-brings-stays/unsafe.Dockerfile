FROM debian:bookworm
RUN useradd --create-home --skel /app/docker/skel --shell /bin/bash app
COPY . /app
