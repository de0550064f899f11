FROM alpine AS build
FROM debian:12 AS build2
