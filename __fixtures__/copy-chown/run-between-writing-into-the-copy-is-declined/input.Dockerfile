FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
RUN touch /app/build.log
RUN chown -R app:app /app
