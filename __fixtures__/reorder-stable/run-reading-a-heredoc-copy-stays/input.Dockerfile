# syntax=docker/dockerfile:1
FROM debian:bookworm
COPY src /app
COPY <<EOF /etc/app.conf
level=info
EOF
RUN chmod 0600 /etc/app.conf
CMD ["ls", "-l", "/etc/app.conf"]
