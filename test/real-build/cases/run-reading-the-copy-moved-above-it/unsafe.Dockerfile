FROM debian:bookworm
WORKDIR /app
RUN cp /app/settings.conf /etc/app.conf
COPY . /app
