FROM debian:12
COPY . /app
WORKDIR /srv
RUN apt-get install -y curl
