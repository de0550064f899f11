FROM debian:12
ARG PKG
ADD $PKG /opt/
ADD ${PKG}.txt /opt/
