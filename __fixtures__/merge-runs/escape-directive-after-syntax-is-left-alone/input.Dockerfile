# syntax=docker/dockerfile:1
# escape=`
FROM debian:bookworm
SHELL ["/bin/sh", "-c"]
RUN mkdir -p /opt/tools/bin && printf "%s\n" "#!/bin/sh" "echo tool" > /opt/tools/bin/tool
RUN chmod 0755 /opt/tools/bin/tool && ln -s /opt/tools/bin/tool /usr/local/bin/tool
