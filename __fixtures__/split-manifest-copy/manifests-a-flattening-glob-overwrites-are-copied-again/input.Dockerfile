FROM node:20-bookworm
WORKDIR /app
COPY package*.json packages/*/package.json ./
COPY . .
RUN npm ci
CMD ["npm", "start"]
