FROM debian:bookworm
COPY --chown=1000:1000 . /srv/app
RUN --mount=type=tmpfs,target=/srv/app/tmp apt-get update && apt-get install -y --no-install-recommends jq
USER 1000
RUN touch /srv/app/written-by-app
