FROM debian:bookworm
RUN mkdir -p /srv/app/{logs,cache,uploads}
COPY entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh && ln -sf /bin/bash /bin/sh
