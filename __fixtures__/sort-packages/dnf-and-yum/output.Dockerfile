FROM fedora:40
RUN dnf install -y --setopt=install_weak_deps=False \
    gcc \
    make && \
    dnf clean all
RUN yum -y install \
    tar \
    which
