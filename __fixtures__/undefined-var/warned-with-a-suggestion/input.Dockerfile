FROM alpine
ARG DIR_ASSETS=assets/
COPY $DIR_ASSET /assets
ENV PATH=$PAHT:/opt/bin
COPY --chown=$USER:$GROUP <<EOF /etc/motd
hello $NAME
EOF
RUN --mount=type=cache,target=$CACHE true
