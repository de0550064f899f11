FROM debian:12
RUN mkdir -p /var/log/app
COPY . /app
RUN chmod +x /app/start.sh
