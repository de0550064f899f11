FROM debian:bookworm
RUN useradd --uid 1000 --create-home app
COPY --chown=1000:1000 . /srv/app
RUN --mount=type=cache,target=/srv/app/.cache/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends jq
USER app
RUN mkdir /srv/app/uploads
