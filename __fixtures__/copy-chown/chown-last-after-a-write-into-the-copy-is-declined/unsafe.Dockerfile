FROM debian:bookworm-slim
RUN useradd --create-home app
COPY --chown=app:app . /app
RUN touch /app/.built
