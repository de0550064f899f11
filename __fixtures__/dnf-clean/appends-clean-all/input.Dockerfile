FROM fedora:40
RUN dnf install -y gcc make
RUN yum -y install git
RUN microdnf install -y tar
