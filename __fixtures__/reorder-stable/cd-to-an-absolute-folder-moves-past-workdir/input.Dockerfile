FROM debian:bookworm
COPY . /srv/site
WORKDIR /srv/site/public
RUN cd /opt && mkdir -p tools/bin && touch tools/bin/ready
RUN ls -la > /tmp/listing
