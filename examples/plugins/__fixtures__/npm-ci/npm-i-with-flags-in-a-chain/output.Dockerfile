FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN apk add --no-cache git && \
    npm ci --no-audit --omit=dev && \
    npm cache clean --force
