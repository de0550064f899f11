FROM debian:bookworm
WORKDIR /opt/skeleton
RUN rm -rf /opt/skeleton && cp -r /etc/skel /opt/skeleton && \
    ls -A > /etc/skeleton-files
