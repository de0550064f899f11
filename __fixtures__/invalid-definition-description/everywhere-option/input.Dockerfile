# base image for the build
FROM alpine AS build
