FROM debian:bookworm
COPY docker/app.conf /etc/app/app.conf
RUN chmod 600 /etc/app/app.conf
COPY . /app
RUN if [ -e /etc/app/app.conf ]; then cp /etc/app/app.conf /app/defaults.conf; else touch /app/defaults.conf; fi
