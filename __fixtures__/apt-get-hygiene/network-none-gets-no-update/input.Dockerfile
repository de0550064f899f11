FROM debian:12
RUN --network=none apt-get install -y --no-install-recommends ./local.deb
