FROM debian:bookworm
COPY app.conf /etc/myapp/app.conf
RUN chown -R www-data:www-data /etc/myapp && mkdir -p /var/log/myapp
RUN touch /var/log/myapp/app.log
