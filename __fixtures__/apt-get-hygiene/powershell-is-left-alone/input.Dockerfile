FROM debian:12
SHELL ["pwsh", "-Command"]
RUN apt-get install curl
