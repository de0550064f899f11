FROM debian:bookworm
WORKDIR /srv
COPY . /app
RUN cd /tmp \
 && apt-get update \
 && apt-get install -y --no-install-recommends make \
 && cd /usr/local \
 && cd - \
 && cp /app/Makefile . \
 && make
