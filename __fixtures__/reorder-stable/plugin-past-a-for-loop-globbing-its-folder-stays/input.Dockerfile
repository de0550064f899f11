FROM debian:bookworm
COPY app.conf /etc/myapp/app.conf
RUN chown -R www-data /etc/myapp && case x in x) echo a;; esac > /opt/v
RUN cat /opt/v > /var/y
