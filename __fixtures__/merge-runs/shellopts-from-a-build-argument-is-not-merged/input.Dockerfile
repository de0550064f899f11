FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
ARG SHELLOPTS=braceexpand
RUN mkdir -p /srv/data
RUN test -s /srv/data/seed.csv; echo "imported" > /srv/data/imported
RUN echo "ready" > /srv/data/ready
