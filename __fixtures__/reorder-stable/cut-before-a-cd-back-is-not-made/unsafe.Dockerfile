FROM debian:bookworm
WORKDIR /srv
RUN cd /tmp \
 && apt-get update \
 && apt-get install -y --no-install-recommends make \
 && cd /usr/local
COPY . /app
RUN cd /usr/local && cd - \
 && cp /app/Makefile . \
 && make
