FROM debian:12
RUN apt-get update
# layerfix-disable-next-line merge-runs -- keep the cache step apart
RUN apt-get install -y curl
