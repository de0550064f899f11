FROM debian:bookworm
RUN --mount=type=tmpfs,target=/build mkdir -p /build/out && touch /build/out/partial.o && \
    test ! -e /build/out && mkdir -p /build/out && touch /srv/clean-build
