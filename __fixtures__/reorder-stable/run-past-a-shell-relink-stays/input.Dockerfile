FROM debian:bookworm
COPY entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh && ln -sf /bin/bash /bin/sh
RUN mkdir -p /srv/app/{logs,cache,uploads}
