FROM fedora:40
RUN dnf install -y --setopt=install_weak_deps=False make gcc && dnf clean all
RUN yum -y install which tar
