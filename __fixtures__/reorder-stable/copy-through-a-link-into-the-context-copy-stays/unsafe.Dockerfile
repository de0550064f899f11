FROM debian:bookworm
RUN ln -s /app/config /etc/app
COPY docker/app.conf /etc/app/app.conf
RUN chmod 600 /etc/app/app.conf
COPY . /app
