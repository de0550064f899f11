FROM debian:bookworm
RUN mkdir -p /tmp/defaults && echo "theme=dark" > /tmp/defaults/settings.ini && \
    tar -czf /tmp/defaults.tgz -C /tmp/defaults .
WORKDIR /opt/app
# The shipped defaults win over whatever the repository holds
RUN tar -xzf /tmp/defaults.tgz
COPY . /opt/app
