FROM node:20-bookworm-slim AS base
ENV COREPACK_INTEGRITY_KEYS=0
RUN npm install -g corepack@0.31.0 \
 && corepack enable pnpm \
 && corepack prepare pnpm@9.15.9 --activate

FROM base AS build
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
CMD ["pnpm", "start"]
