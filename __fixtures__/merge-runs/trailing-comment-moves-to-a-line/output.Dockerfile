FROM debian:12
RUN \
    # where it lives
    mkdir -p /data && \
    touch /data/ready
