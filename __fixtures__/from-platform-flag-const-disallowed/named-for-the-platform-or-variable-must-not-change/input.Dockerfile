FROM --platform=linux/amd64 alpine AS build-amd64
FROM --platform=$BUILDPLATFORM alpine AS tools
