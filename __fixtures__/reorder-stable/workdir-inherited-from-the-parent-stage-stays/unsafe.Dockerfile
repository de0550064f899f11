FROM debian:bookworm AS base
RUN useradd --system app
WORKDIR /usr/src/app

FROM base AS runtime
RUN chown -R app:app /usr/src/app
COPY . src/
