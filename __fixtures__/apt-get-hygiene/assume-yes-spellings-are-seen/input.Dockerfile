FROM debian:12
RUN apt-get update && apt-get -qqy install --no-install-recommends a && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install --yes --no-install-recommends b && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -o APT::Get::Assume-Yes=true -o APT::Install-Recommends=false c && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --install-recommends d && rm -rf /var/lib/apt/lists/*
