FROM debian:bookworm-slim
COPY . /app
RUN useradd --create-home app
RUN chown -R app:app /app
