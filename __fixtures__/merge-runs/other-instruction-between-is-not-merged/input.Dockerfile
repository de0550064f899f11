FROM debian:12
RUN apt-get update
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get install -y curl
