FROM debian:12
RUN yes | apt-get install -y --no-install-recommends curl
