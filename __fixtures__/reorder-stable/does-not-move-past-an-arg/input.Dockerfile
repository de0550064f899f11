FROM debian:12
WORKDIR /app
COPY . .
ARG VERSION=1
RUN apt-get install -y curl
