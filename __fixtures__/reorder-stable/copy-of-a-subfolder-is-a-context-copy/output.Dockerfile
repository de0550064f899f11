FROM debian:12
WORKDIR /app
RUN apt-get install -y curl
COPY src/ /app/src/
