FROM node:20 AS base
WORKDIR /usr/src/app

FROM base AS deps
COPY . .
RUN npm ci

FROM base
COPY --from=deps /usr/src/app/node_modules ./node_modules
