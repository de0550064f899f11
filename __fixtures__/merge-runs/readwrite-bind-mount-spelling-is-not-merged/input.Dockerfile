FROM debian:bookworm
RUN --mount=type=bind,source=config,target=/mnt/config,readwrite sed -i 's/^level=.*/level=debug/' /mnt/config/logging.ini
RUN --mount=type=bind,source=config,target=/mnt/config,readwrite install -D -m 0644 /mnt/config/logging.ini /etc/app/logging.ini
