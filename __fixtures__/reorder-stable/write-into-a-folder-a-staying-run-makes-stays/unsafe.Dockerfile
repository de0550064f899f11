FROM debian:bookworm
RUN touch /var/log/myapp/app.log
COPY app.conf /etc/myapp/app.conf
RUN chown -R www-data:www-data /etc/myapp && mkdir -p /var/log/myapp
