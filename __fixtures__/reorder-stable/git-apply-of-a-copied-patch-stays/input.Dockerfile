FROM node:18-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends git \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/src
RUN npm pack ms@2.1.3 \
 && tar -xzf ms-2.1.3.tgz --strip-components=1 \
 && rm ms-2.1.3.tgz
COPY patches/ms-comment.patch /tmp/ms-comment.patch
RUN git apply /tmp/ms-comment.patch
