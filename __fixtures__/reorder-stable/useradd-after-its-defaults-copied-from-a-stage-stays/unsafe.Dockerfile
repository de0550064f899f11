FROM debian:bookworm AS config
COPY config/ /config/
RUN chmod 644 /config/useradd

FROM debian:bookworm
RUN useradd -m dev
COPY --from=config /config/useradd /etc/default/useradd
USER dev
