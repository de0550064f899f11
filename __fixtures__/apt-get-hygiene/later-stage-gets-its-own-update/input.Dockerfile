FROM debian:12 AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl

FROM base
RUN apt-get install -y --no-install-recommends git
