# escape=`
FROM node:20
SHELL ["/bin/sh", "-c"]
WORKDIR /app
COPY . .
RUN npm ci
