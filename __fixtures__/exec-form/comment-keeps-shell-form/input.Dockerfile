FROM debian:12
CMD ./serve # start the server
