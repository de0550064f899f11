FROM debian:12
WORKDIR /app
COPY . .
RUN ["apt-get", "install", "-y", "curl"]
