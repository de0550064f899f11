FROM debian:bookworm-slim
RUN useradd --create-home app
COPY package.json /app/
COPY src /app/src
RUN chown -R app:app /app
