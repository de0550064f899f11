FROM debian:bookworm-slim AS base
RUN useradd --create-home app

FROM base
COPY --chown=app:app . /app
