FROM debian:bookworm-slim
RUN useradd --create-home app
COPY [".", "/app"]
RUN chown -R app:app /app
