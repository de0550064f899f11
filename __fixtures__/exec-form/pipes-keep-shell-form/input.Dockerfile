FROM debian:12
CMD ./serve | tee /var/log/app.log
