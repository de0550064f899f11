FROM debian:12
WORKDIR /app
COPY . .
RUN chmod +x ./entrypoint.sh
