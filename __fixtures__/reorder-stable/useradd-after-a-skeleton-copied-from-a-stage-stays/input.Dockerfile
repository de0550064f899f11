FROM debian:bookworm AS dotfiles
COPY dotfiles/ /dotfiles/
RUN chmod -R go-w /dotfiles

FROM debian:bookworm
COPY --from=dotfiles /dotfiles/ /etc/skel/
RUN useradd -m -s /bin/bash dev
USER dev
