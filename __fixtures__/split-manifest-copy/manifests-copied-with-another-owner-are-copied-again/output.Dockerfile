FROM node:20-bookworm
WORKDIR /app
COPY --chown=node:node package*.json ./
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "index.js"]
