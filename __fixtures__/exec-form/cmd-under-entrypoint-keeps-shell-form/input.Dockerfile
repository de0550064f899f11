FROM debian:12 AS base
ENTRYPOINT ["/entrypoint.sh"]

FROM base
CMD ./serve
