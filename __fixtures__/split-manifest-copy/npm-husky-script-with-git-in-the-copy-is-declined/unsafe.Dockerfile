FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# prepare: husky sets up git hooks when the COPY brings .git
RUN npm ci
COPY . .
RUN npm run build
