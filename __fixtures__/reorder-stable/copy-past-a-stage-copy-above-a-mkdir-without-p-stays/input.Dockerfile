FROM debian:bookworm AS build
WORKDIR /src
COPY . .
RUN mkdir dist && cp index.js dist/

FROM debian:bookworm
COPY --from=build /src/dist /srv/www
RUN mkdir /etc/myapp && ln -s /srv/www /etc/myapp/www
COPY docker/local.conf /etc/myapp/local.conf
RUN chmod 640 /etc/myapp/local.conf
