FROM debian:bookworm
RUN echo "memory_limit=1G" >> /etc/app-php.ini
COPY app.conf /etc/myapp/app.conf
RUN chown -R www-data /etc/myapp && { echo "memory_limit=512M"; echo "upload_max_filesize=64M"; } > /etc/app-php.ini
