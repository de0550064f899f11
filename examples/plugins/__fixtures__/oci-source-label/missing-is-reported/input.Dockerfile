FROM nginx:1.27
COPY dist /usr/share/nginx/html
