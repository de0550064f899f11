FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
RUN mkdir -p /var/log/app \
    && chown -R app:app /app
