FROM debian:12
RUN apt-get update && apt-get install -y \
		ca-certificates \
		curl \
		git \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
