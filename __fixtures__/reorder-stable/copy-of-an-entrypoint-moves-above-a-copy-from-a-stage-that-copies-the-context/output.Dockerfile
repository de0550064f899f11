FROM debian:bookworm AS build
WORKDIR /source
COPY . .
RUN mkdir -p out && cp app.py out/

FROM debian:bookworm
WORKDIR /app
COPY ./docker/entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh
COPY --from=build /source/out /app
ENTRYPOINT ["/entrypoint.sh"]
