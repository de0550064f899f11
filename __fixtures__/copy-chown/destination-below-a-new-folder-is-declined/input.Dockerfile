FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /apps/web
RUN chown -R app:app /apps/web
