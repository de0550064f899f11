# `tar -I gzip` runs gzip by name, wherever PATH finds it: the RUN may pass the copy of
# the sources, but not the copy that brings a gzip into /usr/local/bin.
FROM acme/platform-base:1.4
WORKDIR /srv/app
COPY vendor/runtime.tar.gz /tmp/runtime.tar.gz
RUN mkdir -p /opt/runtime && tar -I gzip -xf /tmp/runtime.tar.gz -C /opt/runtime && rm /tmp/runtime.tar.gz
COPY ./bin /usr/local/bin
COPY ./app /srv/app
CMD ["start"]
