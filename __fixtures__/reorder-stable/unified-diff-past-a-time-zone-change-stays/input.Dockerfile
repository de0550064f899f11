FROM debian:bookworm
COPY . /app
RUN ln -sf /usr/share/zoneinfo/$(cat /app/tz) /etc/localtime
RUN diff -u /etc/debian_version /etc/issue > /out || true
