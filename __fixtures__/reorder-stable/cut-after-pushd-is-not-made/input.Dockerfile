FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
WORKDIR /app
COPY . .
RUN pushd /opt && apt-get update && apt-get download hello && cp /app/NOTICE . && popd
