FROM debian:bookworm

# Keep downloaded .debs in the BuildKit cache mount below (apt-get keeps them once docker-clean is gone)
RUN rm -f /etc/apt/apt.conf.d/docker-clean

RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends ca-certificates

# Debug tools for the ops shell
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
