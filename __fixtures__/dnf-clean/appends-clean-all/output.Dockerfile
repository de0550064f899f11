FROM fedora:40
RUN dnf install -y gcc make && dnf clean all
RUN yum -y install git && yum clean all
RUN microdnf install -y tar && microdnf clean all
