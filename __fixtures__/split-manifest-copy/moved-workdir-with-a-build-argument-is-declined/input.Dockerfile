FROM node:20
ARG APP=web
WORKDIR /app
COPY . .
WORKDIR $APP
RUN npm ci
CMD ["node", "server.js"]
