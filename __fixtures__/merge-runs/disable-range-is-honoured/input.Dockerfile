FROM debian:12
# layerfix-disable merge-runs
RUN apt-get update
RUN apt-get install -y curl
# layerfix-enable merge-runs
