FROM debian:bookworm-slim
ARG APP_USER=app
ENV APP_HOME=/app
RUN useradd --create-home "$APP_USER"
COPY --chown=$APP_USER:$APP_USER . $APP_HOME
