FROM debian:bookworm
RUN ls --full-time /etc/debian_version > /out
COPY . /app
RUN ln -sf /usr/share/zoneinfo/$(cat /app/tz) /etc/localtime
