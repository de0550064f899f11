FROM debian:bookworm-slim
RUN useradd --create-home app
ADD --chown=app:app src /app
