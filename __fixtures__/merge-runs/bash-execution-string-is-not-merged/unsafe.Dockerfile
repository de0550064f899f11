FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN apt-get --version | head -n 1 > /etc/apt-version && \
    printf '%s\n' "$BASH_EXECUTION_STRING" > /etc/provenance-last-step
