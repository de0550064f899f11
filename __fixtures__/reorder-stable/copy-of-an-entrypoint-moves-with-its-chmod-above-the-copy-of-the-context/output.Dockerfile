FROM debian:bookworm
WORKDIR /app
COPY docker/entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh
COPY . /app
ENTRYPOINT ["/entrypoint.sh"]
