FROM debian:bookworm AS build
WORKDIR /source
COPY . .
RUN mkdir -p out && cp app.py out/

FROM debian:bookworm
WORKDIR /app
COPY --from=build /source/out /app
COPY ./docker/entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
