# escape=`
FROM debian:bookworm
SHELL ["/bin/sh", "-c"]
RUN --mount=type=cache,target=/var/cache/a\b echo a > /a
RUN --mount=type=cache,target=/var/cache/ab echo b > /var/cache/ab/b
