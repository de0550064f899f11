FROM debian:bookworm AS base
RUN useradd --system app \
 && mkdir -p /opt/app/releases/current \
 && ln -s /opt/app/releases/current /app

FROM base
COPY . /app
COPY deploy/production.env /opt/app/releases/current/.env
RUN chown app /opt/app/releases/current/.env && chmod 0600 /opt/app/releases/current/.env
USER app
CMD ["/app/server.sh"]
