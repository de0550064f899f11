FROM debian:12
RUN mkdir -p /srv/app
RUN touch /srv/app/ready
RUN echo "a setting long enough that the merged RUN cannot stay on one line" > /srv/app/settings.conf
