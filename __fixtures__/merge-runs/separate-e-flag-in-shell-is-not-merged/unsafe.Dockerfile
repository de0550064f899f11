FROM debian:bookworm
SHELL ["/bin/sh", "-e", "-c"]
RUN { test -d /nonexistent; echo found > /srv/found; } && echo next > /srv/next
