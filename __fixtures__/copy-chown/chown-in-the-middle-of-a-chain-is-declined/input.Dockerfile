FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
RUN touch /app/first \
    && chown -R app:app /app \
    && touch /app/second
