FROM debian:bookworm-slim
RUN useradd --create-home app
WORKDIR /app/src
COPY --chown=app:app . /app
