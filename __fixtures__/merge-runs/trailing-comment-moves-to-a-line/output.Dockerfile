FROM debian:12
RUN mkdir -p /data && \
    # where it lives
    touch /data/ready
