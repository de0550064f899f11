FROM debian:bookworm-slim
RUN useradd --create-home app
RUN mkdir -p /app/logs
COPY --chown=app:app . /app
