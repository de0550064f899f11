FROM debian:bookworm
HEALTHCHECK --interval=30s CMD  curl -f http://localhost:8080/health \
  || exit 1
CMD migrate.sh \
    && exec server
