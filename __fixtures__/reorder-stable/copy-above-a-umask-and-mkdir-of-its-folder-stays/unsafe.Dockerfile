FROM debian:bookworm
COPY docker/local.conf /etc/myapp/local.conf
RUN chmod 640 /etc/myapp/local.conf
COPY . /app
RUN umask 027 && mkdir -p /etc/myapp && cp /app/config/app.conf /etc/myapp/app.conf
