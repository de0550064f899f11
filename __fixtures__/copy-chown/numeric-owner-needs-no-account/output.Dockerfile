FROM debian:bookworm-slim
COPY --chown=1000:1000 . /app
