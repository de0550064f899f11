FROM debian:bookworm
ENV APP_HOME=/srv/app \
    APP_DATA="$APP_HOME/data"
RUN useradd --system --home-dir /data --no-create-home app && chown -R app /data
COPY . "$APP_DATA"
USER app
CMD ["ls", "-l"]
