FROM node:20
ARG APP_HOME=/app
WORKDIR $APP_HOME
COPY . .
WORKDIR web
RUN npm ci
CMD ["node", "server.js"]
