FROM debian:bookworm
WORKDIR /srv/app
RUN adduser --disabled-password --gecos "" dev
# Site hook: every account adduser creates gets a workspace folder.
COPY docker/adduser.local /usr/local/sbin/adduser.local
COPY ./app /srv/app
USER dev
CMD ["/srv/app/run.sh"]
