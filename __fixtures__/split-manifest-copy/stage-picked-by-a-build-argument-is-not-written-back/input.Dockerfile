ARG TARGET_ENV=prod
FROM node:20 AS base-prod
WORKDIR /app

FROM node:20 AS base-dev
WORKDIR /usr/src/app

FROM base-${TARGET_ENV}
COPY . .
WORKDIR web
RUN npm ci
CMD ["node", "server.js"]
