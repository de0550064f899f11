FROM debian:bookworm
RUN ln -sf /bin/bash /bin/sh && \
    if [[ -d /etc/apt ]]; then echo "debian-like" > /etc/build-family; fi
