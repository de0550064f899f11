FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN { set -eux; echo 'fund=false' >> /root/.npmrc; echo 'audit=false' >> /root/.npmrc; }; \
    npm ci
COPY . .
RUN { set -eux; echo 'fund=false' >> /root/.npmrc; echo 'audit=false' >> /root/.npmrc; }; npm run build
