FROM debian:bookworm
ARG STRICT=0
ENV TZ=Etc/UTC
RUN case "$STRICT" in 1|true) set -eux ;; *) set -x ;; esac; \
    apt-get update; \
    apt-get install -y --no-install-recommends make tzdata; \
    echo "$TZ" > /etc/timezone; \
    ln -s "/usr/share/zoneinfo/$TZ" /etc/localtime
COPY . /app
RUN case "$STRICT" in 1|true) set -eux ;; *) set -x ;; esac; make -C /app
