FROM debian:12
ADD rootfs /
ADD notes.txt /
