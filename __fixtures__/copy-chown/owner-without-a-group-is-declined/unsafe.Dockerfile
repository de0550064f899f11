FROM debian:bookworm-slim
COPY --chown=daemon . /app
