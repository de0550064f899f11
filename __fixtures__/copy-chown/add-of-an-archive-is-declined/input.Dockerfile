FROM debian:bookworm-slim
RUN useradd --create-home app
ADD package.json /app
RUN chown -R app:app /app
