FROM fedora:40
RUN dnf install -y --setopt=keepcache=1 gcc
