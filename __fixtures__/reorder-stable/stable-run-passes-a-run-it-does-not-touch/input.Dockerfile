FROM debian:12
COPY . /app
RUN chmod +x /app/start.sh
RUN mkdir -p /var/log/app
