FROM alpine AS base
CMD ["x"]

FROM base
CMD ["y"]
ONBUILD CMD ["z"]
