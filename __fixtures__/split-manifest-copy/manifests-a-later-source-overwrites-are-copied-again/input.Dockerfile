FROM node:20-bookworm
WORKDIR /app
COPY package*.json tools/package.json ./
COPY . .
RUN npm ci
CMD ["node", "index.js"]
