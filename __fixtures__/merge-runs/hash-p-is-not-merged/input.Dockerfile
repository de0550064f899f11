FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
RUN hash -p /bin/true sort && echo x > /y
RUN sort /etc/shells > /out
