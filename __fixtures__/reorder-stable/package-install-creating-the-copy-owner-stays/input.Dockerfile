FROM debian:bookworm AS build
COPY conf/ /conf/
RUN mkdir -p /out && cp /conf/redis-local.conf /out/

FROM debian:bookworm
COPY --from=build --chown=redis:redis /out/ /srv/redis/
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/*
