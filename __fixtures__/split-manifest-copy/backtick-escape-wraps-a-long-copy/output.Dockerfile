# escape=`
FROM node:20
SHELL ["/bin/sh", "-c"]
WORKDIR /app
COPY package.json package-lock.json `
    npm-shrinkwrap.json .npmrc ./
RUN npm ci
COPY . .
