FROM debian:bookworm
RUN ln -sf bash /bin/sh
RUN mkdir -p /srv/app/{logs,cache,uploads}
