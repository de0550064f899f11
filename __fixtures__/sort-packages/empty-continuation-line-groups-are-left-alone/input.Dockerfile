FROM debian:12
RUN apt-get install -y \
		zlib1g-dev \
		wget \
		\
		make \
		gcc
