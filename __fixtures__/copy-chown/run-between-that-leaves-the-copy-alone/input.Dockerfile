FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
RUN mkdir -p /var/cache/demo
RUN chown -R app:app /app
