FROM debian:bookworm
COPY . /app
RUN mkdir /etc/myapp && cp /app/config/app.conf /etc/myapp/app.conf
COPY docker/local.conf /etc/myapp/local.conf
RUN chmod 600 /etc/myapp/local.conf
