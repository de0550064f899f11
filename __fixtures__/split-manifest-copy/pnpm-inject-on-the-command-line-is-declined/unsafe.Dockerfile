FROM node:20-bookworm-slim
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/web/package.json ./apps/web/
COPY packages/greeting/package.json ./packages/greeting/
RUN pnpm install --frozen-lockfile --config.inject-workspace-packages=true
COPY . .
CMD ["node", "apps/web/server.js"]
