FROM debian:bookworm
RUN ln -sf bash /bin/sh && mkdir -p /srv/app/{logs,cache,uploads}
