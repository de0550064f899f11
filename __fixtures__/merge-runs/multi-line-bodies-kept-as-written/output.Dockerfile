FROM debian:12
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates \
        # for downloads
        curl \
    && rm -rf /var/lib/apt/lists/* && \
    useradd --create-home app \
    && mkdir -p /srv/app
