FROM node:18-bookworm
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
CMD ["node", "src/index.js"]
