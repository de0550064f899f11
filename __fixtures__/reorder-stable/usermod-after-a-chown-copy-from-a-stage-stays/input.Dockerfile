FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN mkdir -p /out && cp -r app /out/app

FROM debian:bookworm
RUN useradd --system --no-create-home app
COPY --from=build --chown=app:app /out/app /srv/app
# Give the account the id the volumes use
RUN usermod -u 2000 app
CMD ["ls", "-ln", "/srv/app"]
