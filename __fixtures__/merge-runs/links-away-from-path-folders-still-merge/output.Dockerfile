FROM debian:bookworm-slim
RUN useradd --uid 10000 app && mkdir -p /srv/app/storage /var/lib/app/uploads && chown -R app /srv/app && \
    # the uploads live on the volume: the app's folder links to it
    rm -r /srv/app/storage && ln -fs /var/lib/app/uploads /srv/app/storage && chown -h app /srv/app/storage
