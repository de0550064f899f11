FROM node AS deps
WORKDIR /app
RUN npm ci

FROM nginx:latest AS web
COPY --from=deps /app /usr/share/nginx/html
