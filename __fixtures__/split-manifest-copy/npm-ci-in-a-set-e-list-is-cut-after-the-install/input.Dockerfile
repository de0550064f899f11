FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN set -eux; \
    npm ci; \
    npm run build
CMD ["node", "dist/index.js"]
