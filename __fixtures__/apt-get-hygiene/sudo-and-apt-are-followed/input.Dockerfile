FROM ubuntu:24.04
USER builder
RUN sudo apt install vim
