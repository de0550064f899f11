FROM debian:bookworm-slim
# Give root its home under /srv (usermod refuses while root runs the build; the file is edited instead).
RUN mkdir -p /srv/root && sed -i 's#^root:x:0:0:root:/root:#root:x:0:0:root:/srv/root:#' /etc/passwd && \
    mkdir -p ~/.config/tool && echo "home=$HOME" > ~/.config/tool/settings
