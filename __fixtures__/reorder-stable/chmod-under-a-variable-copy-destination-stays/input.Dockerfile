FROM debian:bookworm
ARG APP_DIR=/opt/service
COPY . ${APP_DIR}
RUN chmod -R go-rwx /opt/service
