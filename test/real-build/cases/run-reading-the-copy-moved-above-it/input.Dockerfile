FROM debian:bookworm
WORKDIR /app
COPY . /app
RUN cp /app/settings.conf /etc/app.conf
