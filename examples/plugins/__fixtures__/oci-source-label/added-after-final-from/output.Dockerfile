FROM node:20 AS build
RUN npm ci && npm run build

FROM nginx:1.27
LABEL org.opencontainers.image.source="https://github.com/acme/web"
# static files
COPY --from=build /app/dist /usr/share/nginx/html
