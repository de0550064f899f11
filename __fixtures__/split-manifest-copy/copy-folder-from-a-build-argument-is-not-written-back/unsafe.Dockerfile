FROM node:20
ARG APP_HOME=/app
WORKDIR $APP_HOME
COPY web/package.json web/package-lock.json ./web/
WORKDIR web
RUN npm ci
WORKDIR /app
COPY . .
WORKDIR web
CMD ["node", "server.js"]
