FROM debian:bookworm
WORKDIR /srv/app
# Drop the dev leftovers from the app folder however this step ends.
RUN set -eu; trap 'rm -rf /srv/app/tmp /srv/app/log' EXIT; \
    groupadd --system app; \
    useradd --system --gid app --no-create-home app; \
    mkdir -p /var/lib/app; chown app:app /var/lib/app
COPY ./app /srv/app
USER app
CMD ["/srv/app/run.sh"]
