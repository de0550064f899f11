# escape=`
FROM debian:bookworm
SHELL ["/bin/sh", "-c"]
RUN --mount=type=cache,target=/var/cache/a\b echo a > /a && `
    echo b > /var/cache/ab/b
