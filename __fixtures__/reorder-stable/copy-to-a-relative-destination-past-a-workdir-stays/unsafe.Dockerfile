FROM debian:bookworm
COPY docker/app.conf ./
RUN chmod 600 /etc/app/app.conf
COPY . /src
WORKDIR /etc/app
