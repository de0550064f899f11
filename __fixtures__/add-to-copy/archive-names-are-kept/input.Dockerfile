FROM debian:12
ADD rootfs.tar.xz /
ADD app.tgz /opt/
ADD vendor.tar /vendor/
ADD data.gz /data/
