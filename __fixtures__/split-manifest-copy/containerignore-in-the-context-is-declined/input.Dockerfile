FROM node:18-bookworm
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "src/index.js"]
