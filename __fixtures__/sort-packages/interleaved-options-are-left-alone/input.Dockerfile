FROM debian:12
RUN apt-get install -y zsh -t bookworm-backports curl
