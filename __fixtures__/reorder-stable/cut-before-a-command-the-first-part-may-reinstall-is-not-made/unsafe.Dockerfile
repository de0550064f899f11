FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN npm install -g npm@10.8.2
COPY . .
RUN npm ci && npm run build
