FROM node:20-bookworm
WORKDIR /app
COPY package*.json tools/package.json ./
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "index.js"]
