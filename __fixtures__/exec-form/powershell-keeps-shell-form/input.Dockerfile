FROM debian:12
SHELL ["pwsh", "-Command"]
CMD ./serve
