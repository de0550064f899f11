FROM debian:bookworm-slim
RUN useradd --create-home app
COPY . /app
RUN chown -R --from=root app:app /app
