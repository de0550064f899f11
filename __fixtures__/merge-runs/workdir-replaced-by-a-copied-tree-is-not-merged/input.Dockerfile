FROM debian:bookworm
WORKDIR /opt/skeleton
RUN rm -rf /opt/skeleton && cp -r /etc/skel /opt/skeleton
RUN ls -A > /etc/skeleton-files
