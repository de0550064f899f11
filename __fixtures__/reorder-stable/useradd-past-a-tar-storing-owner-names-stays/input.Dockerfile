FROM debian:bookworm
COPY . /app
RUN useradd -u 1000 app && chown -R app /app
RUN mkdir -p /srv/data && chown 1000:1000 /srv/data && tar --mtime=@0 -cf /data.tar -C /srv data
