FROM debian:bookworm
RUN set -eux \
  && apt-get update \
  && apt-get install -y --no-install-recommends make \
  && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN set -eux && make -C /app
