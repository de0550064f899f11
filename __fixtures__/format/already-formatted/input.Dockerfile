FROM debian:12 AS build
RUN apt-get update && \
    apt-get install -y curl
CMD ["curl", "--version"]
