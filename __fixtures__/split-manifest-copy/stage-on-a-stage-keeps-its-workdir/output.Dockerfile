FROM node:20 AS base
WORKDIR /usr/src/app

FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

FROM base
COPY --from=deps /usr/src/app/node_modules ./node_modules
