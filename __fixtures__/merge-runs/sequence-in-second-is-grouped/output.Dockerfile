FROM debian:12
RUN mkdir -p /data && { touch /data/a; touch /data/b; }
