FROM debian:bookworm AS build
WORKDIR /src
COPY . /src
RUN mkdir -p dist && cp app.py dist/ && ln -s /var/lib/myapp dist/data

FROM debian:bookworm
RUN useradd -r -u 999 app && mkdir -p /var/lib/myapp
COPY docker/seed.db /var/lib/myapp/seed.db
RUN chmod 640 /var/lib/myapp/seed.db
COPY --from=build /src/dist /app
RUN chown -R app:app /app/data/
