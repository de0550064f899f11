FROM fedora:40
RUN dnf clean all && dnf install -y gcc && dnf clean all
