FROM debian:bookworm
# Warm the cache in the background while the next step runs
RUN mkdir -p /srv/cache && ( (sleep 1; echo warm > /srv/cache/state) & )
RUN sleep 3 && cp /srv/cache/state /srv/ready
