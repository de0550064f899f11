FROM rockylinux:9
RUN dnf install -y \
        gcc \
        make \
    && dnf update -y \
    && dnf clean all
