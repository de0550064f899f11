FROM debian:bookworm
WORKDIR /srv/app
# Site hook: every account adduser creates gets a workspace folder.
COPY docker/adduser.local /usr/local/sbin/adduser.local
COPY ./app /srv/app
RUN adduser --disabled-password --gecos "" dev
USER dev
CMD ["/srv/app/run.sh"]
