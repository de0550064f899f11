FROM debian:bookworm-slim
RUN useradd --create-home app
WORKDIR /app/src
COPY . /app
RUN chown -R app:app /app
