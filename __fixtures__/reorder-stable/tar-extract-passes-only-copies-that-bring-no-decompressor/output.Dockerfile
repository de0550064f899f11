# tar runs the decompressor an archive needs by name (gzip here), wherever PATH finds it: the RUN may pass the copy of
# the sources, but not the copy that brings a gzip into /usr/local/bin.
FROM acme/platform-base:1.4
WORKDIR /srv/app
COPY vendor/runtime.tar.gz /tmp/runtime.tar.gz
COPY ./bin /usr/local/bin
RUN mkdir -p /opt/runtime && tar -xf /tmp/runtime.tar.gz -C /opt/runtime && rm /tmp/runtime.tar.gz
COPY ./app /srv/app
CMD ["start"]
