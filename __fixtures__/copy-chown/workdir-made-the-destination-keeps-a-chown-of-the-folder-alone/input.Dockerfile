FROM debian:bookworm-slim
RUN useradd --create-home app
WORKDIR /app
COPY . .
RUN chown -R app:app /app
