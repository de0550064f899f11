FROM debian:bookworm-slim
ENV APP_USER=app APP_HOME=/app
RUN useradd --create-home "$APP_USER"
COPY . $APP_HOME
RUN chown -R "$APP_USER:$APP_USER" "$APP_HOME"
