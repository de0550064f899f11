FROM debian:bookworm
ARG APP_UID=10001
COPY --chown=${APP_UID}:${APP_UID} . /srv/app
RUN useradd --uid ${APP_UID} --user-group --create-home --home-dir /srv/app svc
USER svc
