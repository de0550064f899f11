FROM debian:bullseye
RUN echo "dash dash/sh boolean false" | debconf-set-selections && \
    DEBIAN_FRONTEND=noninteractive dpkg-reconfigure dash
RUN printf '%s\n' $'[server]\tport=8080' > /etc/app.ini
