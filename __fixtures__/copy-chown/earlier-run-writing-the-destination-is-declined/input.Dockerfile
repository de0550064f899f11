FROM debian:bookworm-slim
RUN useradd --create-home app
RUN mkdir -p /app/logs
COPY . /app
RUN chown -R app:app /app
