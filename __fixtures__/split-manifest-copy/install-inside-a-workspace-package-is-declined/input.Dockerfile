FROM node:20
WORKDIR /repo
COPY . .
RUN cd apps/web && pnpm install --frozen-lockfile
