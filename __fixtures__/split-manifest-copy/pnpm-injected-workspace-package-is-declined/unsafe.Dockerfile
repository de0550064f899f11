FROM node:20-bookworm-slim
RUN npm install -g pnpm@9.15.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/web/package.json ./apps/web/
COPY packages/greeting/package.json ./packages/greeting/
RUN pnpm install --frozen-lockfile
COPY . .
CMD ["node", "apps/web/server.js"]
