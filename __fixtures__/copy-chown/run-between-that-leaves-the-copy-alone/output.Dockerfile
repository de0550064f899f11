FROM debian:bookworm-slim
RUN useradd --create-home app
COPY --chown=app:app . /app
RUN mkdir -p /var/cache/demo
