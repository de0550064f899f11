FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN { set -eux; echo 'fund=false' >> /root/.npmrc; echo 'audit=false' >> /root/.npmrc; }; \
    npm ci; \
    npm run build
