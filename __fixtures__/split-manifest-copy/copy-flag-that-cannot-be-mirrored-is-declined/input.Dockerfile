# syntax=docker/dockerfile:1.7-labs
FROM node:20
WORKDIR /app
COPY --exclude=*.md . .
RUN npm ci
