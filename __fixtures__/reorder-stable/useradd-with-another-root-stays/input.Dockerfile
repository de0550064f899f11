FROM debian:bookworm
COPY rootfs/ /rootfs/
RUN useradd --prefix /rootfs --uid 10001 --no-create-home --shell /sbin/nologin app
