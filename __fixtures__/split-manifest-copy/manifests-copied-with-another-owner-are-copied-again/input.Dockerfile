FROM node:20-bookworm
WORKDIR /app
COPY --chown=1000:1000 package*.json ./
COPY . .
RUN npm ci
CMD ["node", "index.js"]
