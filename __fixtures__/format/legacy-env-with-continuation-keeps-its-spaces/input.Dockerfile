FROM debian:12
ENV PATH /usr/local/bin:\
    /usr/bin
