FROM debian:12
# layerfix-disable-next-line merge-runs
RUN apt-get update
ENV A=1
