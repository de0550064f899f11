# syntax=docker/dockerfile:1
FROM debian:12
ADD git@github.com:moby/buildkit.git#v0.13.0 /src
ADD https://github.com/moby/buildkit.git /src2
