FROM debian:bookworm
COPY . /src
WORKDIR /etc/app
COPY docker/app.conf ./
RUN chmod 600 /etc/app/app.conf
