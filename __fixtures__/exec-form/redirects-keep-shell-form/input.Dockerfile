FROM debian:12
CMD ./serve > /var/log/app.log 2>&1
