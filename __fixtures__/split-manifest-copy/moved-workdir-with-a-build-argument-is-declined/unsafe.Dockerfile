FROM node:20
ARG APP=web
WORKDIR /app
COPY web/package.json web/package-lock.json ./web/
WORKDIR $APP
RUN npm ci
WORKDIR /app
COPY . .
WORKDIR $APP
CMD ["node", "server.js"]
