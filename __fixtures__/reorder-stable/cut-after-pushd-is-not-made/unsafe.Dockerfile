FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
WORKDIR /app
RUN pushd /opt && apt-get update && apt-get download hello
COPY . .
RUN cp /app/NOTICE . && popd
