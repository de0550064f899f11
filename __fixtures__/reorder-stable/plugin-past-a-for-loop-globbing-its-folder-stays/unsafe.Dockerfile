FROM debian:bookworm
RUN mkdir -p /etc/cron.d && echo '0 * * * * root run-parts /etc/cron.hourly' > /etc/cron.d/hourly
COPY app.conf /etc/myapp/app.conf
RUN chown -R www-data /etc/myapp && for f in /etc/cron.d/*; do chmod 0600 "$f"; done
RUN echo '*/5 * * * * root /usr/local/bin/heartbeat' > /etc/cron.d/heartbeat
