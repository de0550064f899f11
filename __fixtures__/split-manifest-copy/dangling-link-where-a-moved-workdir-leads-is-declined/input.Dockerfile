FROM node:20
WORKDIR /app
COPY . .
WORKDIR /app/data
WORKDIR /app/web
RUN npm ci
CMD ["node", "server.js"]
