FROM debian:12
RUN mkdir -p /data # where it lives
RUN touch /data/ready
