FROM golang:1.22 AS build
WORKDIR /src
RUN mkdir -p /out
RUN touch /out/ready

FROM debian:12
RUN mkdir -p /srv
RUN touch /srv/ready
