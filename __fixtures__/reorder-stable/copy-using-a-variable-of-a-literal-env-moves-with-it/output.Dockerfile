FROM debian:bookworm
ENV CONF_DIR=/etc/app
COPY docker/app.conf $CONF_DIR/app.conf
RUN chmod 600 /etc/app/app.conf
COPY . /src
