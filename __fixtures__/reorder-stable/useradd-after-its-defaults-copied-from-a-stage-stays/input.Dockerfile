FROM debian:bookworm AS config
COPY config/ /config/
RUN chmod 644 /config/useradd

FROM debian:bookworm
COPY --from=config /config/useradd /etc/default/useradd
RUN useradd -m dev
USER dev
