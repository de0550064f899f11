FROM debian:bookworm
# Use bash for every RUN from here on
RUN rm /bin/sh && ln -s /bin/bash /bin/sh && \
    source /etc/os-release && echo "$VERSION_CODENAME" > /etc/build-codename
