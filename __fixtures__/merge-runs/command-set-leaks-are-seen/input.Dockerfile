FROM debian:12
RUN command set -u; echo one
RUN set -e; echo two
