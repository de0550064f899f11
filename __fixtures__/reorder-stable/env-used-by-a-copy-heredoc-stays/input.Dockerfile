# syntax=docker/dockerfile:1
FROM debian:bookworm-slim
WORKDIR /app
COPY . .
COPY <<EOF /app/app.conf
listen_port=${PORT:-8000}
EOF
ENV PORT=8080
RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*
CMD ["sh", "-c", "cat /app/app.conf"]
