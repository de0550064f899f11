FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
RUN --mount=type=bind,target=/app chown -R app:app /app
