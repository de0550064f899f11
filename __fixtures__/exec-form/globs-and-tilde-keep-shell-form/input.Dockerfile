FROM debian:12
CMD cat /etc/*.conf
CMD ls ~/data
