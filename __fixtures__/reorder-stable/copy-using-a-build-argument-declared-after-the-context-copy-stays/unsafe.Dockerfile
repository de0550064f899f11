FROM debian:bookworm
COPY docker/app.conf $CONF_DIR/app.conf
RUN chmod 600 /etc/app/app.conf
COPY . /src
ARG CONF_DIR=/etc/app
