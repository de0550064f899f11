FROM debian:bookworm-slim
RUN useradd --create-home app
WORKDIR /app
COPY --chown=app:app . .
RUN mkdir -p /var/log/demo \
    && chown app:app /app \
    && chown -R app:app /var/log/demo
