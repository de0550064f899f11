FROM debian:bookworm-slim
RUN useradd --create-home app
COPY --chown=app:app . /app
USER app
CMD ["node", "/app/index.js"]
