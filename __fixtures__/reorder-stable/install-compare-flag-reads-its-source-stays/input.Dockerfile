FROM debian:bookworm
COPY . /app
RUN install -C /app/conf/app.conf /etc/app.conf
