FROM node:20-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/a/package.json ./packages/a/
RUN npm ci
COPY . .
