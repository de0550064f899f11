FROM debian:bookworm-slim
RUN useradd --create-home app
COPY package.json /app/
COPY --chown=app:app src /app/src
