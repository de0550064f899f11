FROM debian:bookworm
COPY . /srv/site
WORKDIR /srv/site/public
RUN mkdir -p /opt/tools
CMD ["ls", "/opt/tools"]
