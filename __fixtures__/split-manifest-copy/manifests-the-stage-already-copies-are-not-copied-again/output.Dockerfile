FROM node:20-bookworm
WORKDIR /app
COPY package*.json ./
ENV NODE_ENV=production
RUN npm ci
COPY . .
CMD ["node", "index.js"]
