FROM ubuntu:24.04
USER builder
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends vim && \
    sudo rm -rf /var/lib/apt/lists/*
