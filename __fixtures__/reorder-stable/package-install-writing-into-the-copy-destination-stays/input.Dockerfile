FROM debian:bookworm
RUN apt-get update
COPY . /usr/share/nginx/html
RUN apt-get install -y --no-install-recommends nginx-light
CMD ["nginx", "-g", "daemon off;"]
