FROM debian:bookworm-slim
RUN useradd --create-home app
WORKDIR /app
COPY --chown=app:app . .
RUN chown app:app /app
