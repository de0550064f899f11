FROM node:20
WORKDIR /app
COPY . .
WORKDIR web
RUN npm ci
CMD ["node", "server.js"]
