FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends sudo \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --shell /bin/bash dev
USER dev
RUN sudo mkdir -p /workspace \
 && sudo chown dev:dev /workspace
COPY dev.sudoers /etc/sudoers.d/dev
WORKDIR /workspace
