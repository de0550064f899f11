FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /srv
RUN chown -R app:app /srv
