FROM debian:bookworm
SHELL ["/bin/sh", "-e", "-c"]
RUN { test -d /nonexistent; echo found > /srv/found; }
RUN echo next > /srv/next
