FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN mkdir -p dist && cp manage.py dist/

FROM debian:bookworm
COPY --from=build /src/dist /app
COPY docker/bin/ /opt/tools/
RUN chmod +x /opt/tools/app-start /opt/tools/manage
