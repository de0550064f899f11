FROM debian:bookworm
ENV APP_HOME=/srv/app \
    APP_DATA="$APP_HOME/data"
COPY . "$APP_DATA"
RUN useradd --system --home-dir /data --no-create-home app && chown -R app /data
USER app
CMD ["ls", "-l"]
