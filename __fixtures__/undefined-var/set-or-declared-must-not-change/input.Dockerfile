FROM alpine AS base
ARG VERSION
ENV HOME=/root
ARG foo=bar

FROM base
COPY $VERSION/${foo} $HOME/
RUN echo $UNDEFINED_IN_SHELL
COPY <<'EOF' /x
$not_expanded
EOF
