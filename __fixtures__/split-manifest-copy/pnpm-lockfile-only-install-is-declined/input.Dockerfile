FROM node:20
WORKDIR /app
COPY . .
RUN corepack enable && pnpm install --lockfile-only
CMD ["node", "index.js"]
