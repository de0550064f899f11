FROM ubuntu:24.04
USER builder
RUN sudo apt update && sudo apt install -y --no-install-recommends vim && sudo rm -rf /var/lib/apt/lists/*
