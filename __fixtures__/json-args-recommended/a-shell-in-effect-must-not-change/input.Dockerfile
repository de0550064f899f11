FROM alpine AS base
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]

FROM base
CMD ./serve
ENTRYPOINT ["./run"]
