FROM node:20-bookworm-slim
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile --config.inject-workspace-packages=true
CMD ["node", "apps/web/server.js"]
