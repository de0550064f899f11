FROM debian:bookworm
# Warm the cache in the background while the next step runs
RUN start-stop-daemon --start --background --make-pidfile --pidfile /run/warmup.pid \
      --startas /bin/sh -- -c 'sleep 1; echo warm > /srv/cache-warm' && \
      sleep 3
