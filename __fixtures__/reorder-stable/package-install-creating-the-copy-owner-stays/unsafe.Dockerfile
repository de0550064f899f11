FROM debian:bookworm AS build
COPY conf/ /conf/
RUN mkdir -p /out && cp /conf/redis-local.conf /out/

FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=redis:redis /out/ /srv/redis/
