FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends git gosu \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --shell /bin/bash dev
COPY --chown=dev:dev dotfiles/gitconfig /home/dev/.gitconfig
RUN gosu dev git config --global --add safe.directory /workspace
USER dev
WORKDIR /workspace
