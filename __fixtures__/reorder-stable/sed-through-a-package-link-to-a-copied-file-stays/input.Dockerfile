FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*
COPY public/ /var/www/app/
COPY nginx/site.conf /etc/nginx/sites-available/default
# run unprivileged-friendly: listen on 8080
RUN sed -i 's/listen 80 default_server;/listen 8080 default_server;/' /etc/nginx/sites-enabled/default
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
