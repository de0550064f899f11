FROM debian:bookworm
COPY entrypoint.sh /entrypoint.sh
RUN chmod 0755 /entrypoint.sh && echo "APP_UID=$(id -u www-data)" > /etc/app.env
RUN usermod -u 1000 www-data
