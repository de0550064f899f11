FROM debian:12
RUN apt-get update && apt-get install -y \
		git \
		curl \
		ca-certificates \
	--no-install-recommends \
	&& rm -rf /var/lib/apt/lists/*
