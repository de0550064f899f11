# The base image is not one layerfix knows, so its PATH is unknown: `mkdir` and `chmod` may be files of those names
# in any folder. The copies bring neither name (the context lists what they bring), so the RUN that makes the data
# folders runs the same programs before them.
FROM acme/platform-base:1.4
WORKDIR /srv/app
RUN mkdir -p /var/lib/app/uploads /var/lib/app/cache && chmod -R 0755 /var/lib/app
COPY ./app /srv/app
COPY ./bin /usr/local/bin
RUN chmod +x /usr/local/bin/start
CMD ["start"]
