FROM node:20 AS deps
COPY package.json package-lock.json ./

FROM deps AS build
RUN npm ci && npm run build
