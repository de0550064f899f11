FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN mkdir -p /out && cp -r app /out/app

FROM debian:bookworm
COPY --from=build /out/app /srv/app
# The service account and its log folder
RUN useradd --system --no-create-home app && mkdir -p /var/log/app && chown app /var/log/app
USER app
CMD ["sh", "/srv/app/run.sh"]
