FROM debian:12
ADD rootfs /
COPY notes.txt /
