FROM debian:12
RUN apt-get install -y \
# build tools
    make \
    gcc \
# runtime
    curl
