FROM debian:12
ENTRYPOINT ["/usr/local/bin/app", "--serve"]
