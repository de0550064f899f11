FROM debian:bookworm
ARG APP_UID=10001
RUN useradd --uid ${APP_UID} --user-group --create-home --home-dir /srv/app svc
COPY --chown=${APP_UID}:${APP_UID} . /srv/app
USER svc
