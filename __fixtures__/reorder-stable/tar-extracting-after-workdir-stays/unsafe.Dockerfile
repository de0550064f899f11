FROM debian:bookworm
RUN mkdir -p /tmp/defaults && echo "theme=dark" > /tmp/defaults/settings.ini && \
    tar -czf /tmp/a.tgz -C /tmp/defaults .
RUN tar -xzf /tmp/a.tgz
COPY . /srv/site
WORKDIR /etc/app
