# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN chmod 0600 /etc/app.conf
COPY src /app
COPY <<EOF /etc/app.conf
level=info
EOF
CMD ["ls", "-l", "/etc/app.conf"]
