FROM debian:12
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends curl
