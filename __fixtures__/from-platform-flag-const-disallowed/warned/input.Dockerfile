FROM --platform=linux/amd64 alpine AS build
