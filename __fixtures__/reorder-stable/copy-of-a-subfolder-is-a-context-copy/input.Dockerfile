FROM debian:12
WORKDIR /app
COPY src/ /app/src/
RUN apt-get install -y curl
