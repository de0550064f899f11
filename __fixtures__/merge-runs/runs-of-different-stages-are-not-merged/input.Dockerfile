FROM debian:12 AS build
RUN make
FROM debian:12
RUN make install
