FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
USER daemon
RUN chown -R daemon:daemon /app
