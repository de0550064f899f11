FROM fedora:40
RUN dnf install -y gcc; dnf install -y make
