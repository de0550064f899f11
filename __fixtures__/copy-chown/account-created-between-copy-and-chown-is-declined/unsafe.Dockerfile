FROM debian:bookworm-slim
COPY --chown=app:app . /app
RUN useradd --create-home app
