FROM debian:bookworm
RUN diff -u /etc/debian_version /etc/issue > /out || true
COPY . /app
RUN ln -sf /usr/share/zoneinfo/$(cat /app/tz) /etc/localtime
