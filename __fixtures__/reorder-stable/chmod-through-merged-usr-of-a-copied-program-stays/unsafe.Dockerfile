FROM debian:bookworm AS build
COPY scripts/ /scripts/
RUN mkdir -p /out && cp /scripts/healthcheck.sh /out/healthcheck

FROM debian:bookworm
RUN chmod 0755 /usr/bin/healthcheck
COPY --from=build /out/healthcheck /bin/healthcheck
HEALTHCHECK CMD ["healthcheck"]
