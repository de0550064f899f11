FROM fedora:40
RUN dnf install -y gcc && dnf clean all
RUN yum install -y git && rm -rf /var/cache/yum
RUN dnf install -y tar && dnf clean --disableplugin=subscription-manager all
