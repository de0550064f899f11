# escape=`
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl
RUN curl --version > /curl-version.txt && echo "tooling layer done" > /done
