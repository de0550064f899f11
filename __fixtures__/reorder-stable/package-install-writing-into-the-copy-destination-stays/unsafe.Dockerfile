FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y --no-install-recommends nginx-light
COPY . /usr/share/nginx/html
CMD ["nginx", "-g", "daemon off;"]
