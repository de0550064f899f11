FROM debian:bookworm-slim AS base
RUN useradd --create-home app

FROM base
COPY . /app
RUN chown -R app:app /app
