FROM debian:bookworm
SHELL ["/bin/sh", "-ec"]
RUN cd /srv && false; touch /srv/after-false
RUN touch /srv/ready
