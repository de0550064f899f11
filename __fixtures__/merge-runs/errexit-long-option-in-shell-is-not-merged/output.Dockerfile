FROM debian:bookworm
SHELL ["/bin/bash", "-o", "errexit", "-c"]
RUN mkdir -p /opt/tools && \
    { cp /etc/does-not-exist.conf /opt/tools/ 2>/dev/null; touch /opt/tools/copied; }
RUN touch /opt/tools/done
