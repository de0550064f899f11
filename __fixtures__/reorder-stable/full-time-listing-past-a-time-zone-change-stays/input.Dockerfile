FROM debian:bookworm
COPY . /app
RUN ln -sf /usr/share/zoneinfo/$(cat /app/tz) /etc/localtime
RUN ls --full-time /etc/debian_version > /out
