FROM debian:bookworm-slim
RUN useradd --create-home app
ARG APP_HOME=/app
COPY . $APP_HOME
RUN chown -R app:app $APP_HOME
