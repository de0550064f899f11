FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npm ci --logs-dir=logs --logs-max=1
