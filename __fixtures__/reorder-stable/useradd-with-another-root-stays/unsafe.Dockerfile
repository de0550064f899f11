FROM debian:bookworm
RUN useradd --prefix /rootfs --uid 10001 --no-create-home --shell /sbin/nologin app
COPY rootfs/ /rootfs/
