FROM debian:bookworm-slim
RUN useradd --create-home app
COPY package.json /app/
COPY . /app
RUN chown -R app:app /app
