# check=experimental=InvalidDefinitionDescription
# base image for the build
FROM alpine AS build
# version the version to build
ARG version=1
