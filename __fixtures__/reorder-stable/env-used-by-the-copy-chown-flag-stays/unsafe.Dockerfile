FROM debian:bookworm
ARG APP_UID=0
# The service runs as this uid; set it only after the files are in place
ENV APP_UID=10001
RUN useradd --uid 10001 --no-create-home --home-dir /srv/app svc
COPY --chown=${APP_UID}:${APP_UID} . /srv/app
