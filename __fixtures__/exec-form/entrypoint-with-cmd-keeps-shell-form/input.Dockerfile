FROM debian:12
ENTRYPOINT ./serve
CMD ["--port", "80"]
