FROM debian:bookworm
ENV CONFIG_MODE=0644
COPY --chmod=${CONFIG_MODE} . /srv/app/
# from here on, everything the service writes stays private
ENV CONFIG_MODE=0600
RUN apt-get update && apt-get install -y --no-install-recommends procps && rm -rf /var/lib/apt/lists/*
