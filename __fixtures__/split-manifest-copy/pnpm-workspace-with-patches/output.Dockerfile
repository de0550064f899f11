FROM node:20-slim
RUN corepack enable
WORKDIR /repo
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json ./apps/api/
COPY packages/db/package.json ./packages/db/
COPY patches/left-pad@1.3.0.patch ./patches/
RUN pnpm install --frozen-lockfile
COPY . .
