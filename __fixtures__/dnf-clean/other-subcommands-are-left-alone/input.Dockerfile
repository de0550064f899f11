FROM fedora:40
RUN dnf remove -y vim && dnf repolist
