FROM debian:12
ADD * /app/
ADD dist/app-* /opt/
