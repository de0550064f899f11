FROM debian:bookworm-slim
RUN useradd --create-home app
COPY --chown=daemon:daemon . /app
USER daemon
