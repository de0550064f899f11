FROM debian:bookworm
RUN install -C /app/conf/app.conf /etc/app.conf
COPY . /app
