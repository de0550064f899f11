FROM node:20-bookworm
WORKDIR /app
COPY --chown=1000:1000 package*.json ./
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "index.js"]
