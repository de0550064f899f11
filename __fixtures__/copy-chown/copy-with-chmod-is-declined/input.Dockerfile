FROM debian:bookworm-slim
RUN useradd --create-home app
COPY --chmod=755 . /app
RUN chown -R app:app /app
