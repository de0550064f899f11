# syntax=docker/dockerfile:1
FROM debian:12
RUN <<EOF
apt-get update
EOF
RUN apt-get install -y curl
