FROM debian:12
COPY . /app
USER app
RUN apt-get install -y curl
