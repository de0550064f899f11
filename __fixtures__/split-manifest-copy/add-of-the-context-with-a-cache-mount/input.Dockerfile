# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /app
ADD . .
RUN --mount=type=cache,target=/root/.npm \
    npm ci --prefer-offline
