FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends git gosu \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --shell /bin/bash dev \
 && gosu dev git config --global --add safe.directory /workspace
COPY --chown=dev:dev dotfiles/gitconfig /home/dev/.gitconfig
USER dev
WORKDIR /workspace
