FROM debian:bookworm
COPY . /app
RUN set -eux \
  && apt-get update \
  && apt-get install -y --no-install-recommends make \
  && rm -rf /var/lib/apt/lists/* \
  && make -C /app
