FROM debian:bookworm
RUN --mount=type=tmpfs,target=/build mkdir -p /build/out && touch /build/out/partial.o
RUN --mount=type=tmpfs,target=/build test ! -e /build/out && mkdir -p /build/out && touch /srv/clean-build
