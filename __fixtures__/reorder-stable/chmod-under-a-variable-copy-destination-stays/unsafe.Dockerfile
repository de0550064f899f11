FROM debian:bookworm
ARG APP_DIR=/opt/service
RUN chmod -R go-rwx /opt/service
COPY . ${APP_DIR}
