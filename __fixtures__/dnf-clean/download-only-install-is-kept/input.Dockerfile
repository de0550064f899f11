FROM rockylinux:9 AS bundle
# Download httpd and its dependencies for the offline installer (not installed here)
RUN dnf install -y --downloadonly httpd
RUN mkdir -p /bundle && find /var/cache/dnf -name '*.rpm' -exec cp {} /bundle/ \; && ls /bundle | grep -q httpd

FROM scratch
COPY --from=bundle /bundle /
