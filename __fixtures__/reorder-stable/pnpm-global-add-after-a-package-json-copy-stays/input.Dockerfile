FROM node:24 AS base
ENV PNPM_HOME="/pnpm"
ENV PATH="$PNPM_HOME:$PATH"
# the local Node.js image has no corepack; pin one, and skip the registry's signature check (the mirror here has none)
ENV COREPACK_DEFAULT_TO_LATEST=0 COREPACK_INTEGRITY_KEYS=0
RUN npm install -g corepack@0.31.0 && corepack enable

FROM base AS builder
WORKDIR /app
COPY package.json .
RUN pnpm add -g turbo
COPY . .
RUN pnpm --version > /pnpm-version
