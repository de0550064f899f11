FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
WORKDIR /app
RUN mkdir -p /opt/tool && cd "$_" && apt-get update && apt-get download hello
COPY . .
RUN cd "$_" && cp /app/NOTICE .
