FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
RUN touch /app/.built \
    && chown -R app:app /app
