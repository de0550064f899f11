FROM debian:bookworm-slim
RUN useradd --create-home app

# The application
COPY . /app
# Let the app user own its files
RUN chown -R app:app /app

USER app
