FROM debian:bookworm
WORKDIR /srv/app
# Site hook: every account adduser creates gets a workspace folder.
COPY docker/adduser.local /usr/local/sbin/adduser.local
RUN adduser --disabled-password --gecos "" dev
COPY ./app /srv/app
USER dev
CMD ["/srv/app/run.sh"]
