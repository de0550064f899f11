FROM debian:bookworm-slim
ARG APP_USER=app
ENV APP_HOME=/app
RUN useradd --create-home "$APP_USER"
COPY . $APP_HOME
RUN chown -R $APP_USER:$APP_USER $APP_HOME
