FROM node:20-bookworm
WORKDIR /app
COPY --chown=node:node package*.json ./
COPY . .
RUN npm ci
CMD ["node", "index.js"]
