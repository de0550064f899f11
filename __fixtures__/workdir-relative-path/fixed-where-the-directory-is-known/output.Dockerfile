FROM alpine AS base
WORKDIR /app
WORKDIR src

FROM golang:1.22
WORKDIR /srv/api
