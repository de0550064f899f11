FROM debian:bookworm AS frontend
WORKDIR /src
COPY . .
RUN mkdir -p /dist && cp -r web /dist/web

FROM debian:bookworm
RUN useradd --system app
COPY --chown=app . /app
COPY --from=frontend --chown=app /dist/web /app/site
# Passing the COPY --from alone would still leave it after `COPY . /app`, which every source edit reruns
RUN chown app /app
