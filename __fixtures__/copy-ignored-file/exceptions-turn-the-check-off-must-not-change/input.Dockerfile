FROM scratch
COPY config/app.env /etc/app.env
