FROM debian:bookworm
SHELL ["/bin/bash", "-c"]
ENV BASH_ENV=/etc/build-env.sh
RUN touch /etc/build-env.sh
# Like nvm: the installer defines a shell function and loads it from the file every bash reads
RUN mkdir -p /opt/toolbox && \
    printf 'toolbox() { echo "toolbox $*" >> /etc/toolbox.log; }\n' > /opt/toolbox/toolbox.sh && \
    echo '. /opt/toolbox/toolbox.sh' >> "$BASH_ENV"
RUN toolbox install 20
