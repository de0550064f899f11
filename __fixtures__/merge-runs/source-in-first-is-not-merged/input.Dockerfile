FROM debian:12
RUN . /etc/os-release && echo $ID
RUN echo next
