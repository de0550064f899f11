FROM debian:bookworm-slim
COPY . /app
RUN chown -R 1000:1000 /app
