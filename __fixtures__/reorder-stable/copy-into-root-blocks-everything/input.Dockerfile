FROM debian:12
COPY . /
RUN apt-get install -y curl
