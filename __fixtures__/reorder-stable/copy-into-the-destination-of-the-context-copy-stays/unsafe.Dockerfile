FROM debian:bookworm
COPY config/production.json /app/config.json
RUN chmod 600 /app/config.json
COPY . /app
