FROM debian:bookworm
RUN cd /opt && mkdir -p tools/bin && touch tools/bin/ready
COPY . /srv/site
WORKDIR /srv/site/public
RUN ls -la > /tmp/listing
