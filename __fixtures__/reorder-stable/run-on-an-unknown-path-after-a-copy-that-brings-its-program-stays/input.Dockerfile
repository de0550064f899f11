# The copy into /usr/local/bin brings a program named mkdir, which a PATH layerfix cannot tell may put first: the
# RUN would run the real mkdir above the copy, and the wrapper below it.
FROM acme/platform-base:1.4
WORKDIR /srv/app
COPY ./app /srv/app
COPY ./bin /usr/local/bin
RUN mkdir -p /var/lib/app/uploads
CMD ["/srv/app/run.sh"]
