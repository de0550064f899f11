FROM debian:bookworm AS build
WORKDIR /source
COPY src/ src/
RUN mkdir -p out && cp src/app.py out/

FROM debian:bookworm
WORKDIR /app
COPY --from=build /source/out /app
COPY docker/entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
