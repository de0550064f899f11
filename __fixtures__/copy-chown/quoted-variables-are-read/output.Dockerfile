FROM debian:bookworm-slim
ENV APP_USER=app APP_HOME=/app
RUN useradd --create-home "$APP_USER"
COPY --chown=$APP_USER:$APP_USER . $APP_HOME
