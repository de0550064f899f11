FROM alpine
# the old entrypoint
ENTRYPOINT ["/a"]
CMD ["x"]
ENTRYPOINT ["/b"]

HEALTHCHECK CMD true
CMD ["y"]
HEALTHCHECK NONE
