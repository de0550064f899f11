FROM debian:12
CMD ./migrate && ./serve
