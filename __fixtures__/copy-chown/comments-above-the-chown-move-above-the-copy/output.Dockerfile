FROM debian:bookworm-slim
RUN useradd --create-home app

# The application
# Let the app user own its files
COPY --chown=app:app . /app

USER app
