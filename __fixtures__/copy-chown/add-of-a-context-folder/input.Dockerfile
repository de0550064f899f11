FROM debian:bookworm-slim
RUN useradd --create-home app
ADD src /app
RUN chown -R app:app /app
