FROM debian:12
RUN mkdir -p /srv/app && \
    touch /srv/app/ready && \
    echo "a setting long enough that the merged RUN cannot stay on one line" > /srv/app/settings.conf
