FROM debian:bookworm
WORKDIR /app
COPY docker/bin/ /opt/tools/
RUN chmod +x /opt/tools/app-start /opt/tools/manage
COPY . /app
