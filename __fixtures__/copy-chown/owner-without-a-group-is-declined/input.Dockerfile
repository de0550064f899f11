FROM debian:bookworm-slim
COPY . /app
RUN chown -R daemon /app
