FROM debian:12
RUN mkdir -p /data
RUN touch /data/a; touch /data/b;
