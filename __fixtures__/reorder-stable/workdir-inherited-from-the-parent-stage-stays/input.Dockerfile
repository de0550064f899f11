FROM debian:bookworm AS base
RUN useradd --system app
WORKDIR /usr/src/app

FROM base AS runtime
COPY . src/
RUN chown -R app:app /usr/src/app
