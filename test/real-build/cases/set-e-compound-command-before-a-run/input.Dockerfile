# `set -e` stops this RUN at `false` inside the if: the file does not build. Followed by `&& touch /a`, the if would
# be on the left of an && list, where POSIX ignores set -e, and the build would succeed.
FROM debian:bookworm
RUN set -e; if true; then false; touch /b; fi
RUN touch /a
