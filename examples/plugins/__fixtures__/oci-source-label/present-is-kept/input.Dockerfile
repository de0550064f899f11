FROM nginx:1.27
LABEL org.opencontainers.image.title="web" \
      org.opencontainers.image.source="https://github.com/acme/web"
COPY dist /usr/share/nginx/html
