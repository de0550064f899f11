FROM debian:bookworm
COPY . /app
RUN useradd --create-home --skel /app/docker/skel --shell /bin/bash app
