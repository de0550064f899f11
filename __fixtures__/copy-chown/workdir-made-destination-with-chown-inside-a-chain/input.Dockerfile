FROM debian:bookworm-slim
RUN useradd --create-home app
WORKDIR /app
COPY . .
RUN mkdir -p /var/log/demo \
    && chown -Rv app:app /app \
    && chown -R app:app /var/log/demo
