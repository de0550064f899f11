FROM debian:bookworm
# the build farm reaches the artifact mirror through a fixed address
RUN echo "10.20.0.15 mirror.corp.example" >> /etc/hosts
RUN getent hosts mirror.corp.example > /etc/mirror-address || echo "mirror.corp.example unresolved" > /etc/mirror-address
