FROM debian:bookworm
COPY . /app
COPY config/production.json /app/config.json
RUN chmod 600 /app/config.json
