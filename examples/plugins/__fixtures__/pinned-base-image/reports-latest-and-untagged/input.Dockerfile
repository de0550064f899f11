FROM node AS deps
WORKDIR /app
RUN npm ci

FROM nginx:latest
COPY --from=deps /app /usr/share/nginx/html
