FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends make && mkdir -p /opt/build
COPY . /app
RUN cd "$_" && make -f /app/Makefile all
