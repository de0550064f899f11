FROM debian:bookworm AS dotfiles
COPY dotfiles/ /dotfiles/
RUN chmod -R go-w /dotfiles

FROM debian:bookworm
RUN useradd -m -s /bin/bash dev
COPY --from=dotfiles /dotfiles/ /etc/skel/
USER dev
