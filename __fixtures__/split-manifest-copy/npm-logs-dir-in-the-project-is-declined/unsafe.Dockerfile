FROM node:20-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --logs-dir=logs --logs-max=1
COPY . .
