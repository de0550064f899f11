FROM node:20.11.1-alpine AS deps
WORKDIR /app
RUN npm ci

FROM nginx:1.27.0 AS web
COPY --from=deps /app /usr/share/nginx/html
