# escape=`
FROM debian:12
SHELL ["/bin/sh", "-c"]
RUN apt-get update && `
    apt-get install -y curl
RUN echo done
