FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
WORKDIR /app
RUN chown -R app:app .
