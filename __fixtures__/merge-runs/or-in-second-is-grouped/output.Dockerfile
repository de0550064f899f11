FROM debian:12
RUN mkdir -p /data && { test -f /data/seed || cp /etc/hostname /data/seed; }
