FROM node:20
WORKDIR /app
COPY web/package.json web/package-lock.json ./web/
WORKDIR web
RUN npm ci
WORKDIR /app
COPY . .
WORKDIR web
CMD ["node", "server.js"]
