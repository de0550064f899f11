FROM node:20-bookworm
WORKDIR /app
COPY package*.json ./
ENV NODE_ENV=production
COPY . .
RUN npm ci
CMD ["node", "index.js"]
