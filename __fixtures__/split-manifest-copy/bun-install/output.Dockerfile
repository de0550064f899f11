FROM oven/bun:1
WORKDIR /usr/src/app
COPY package.json bun.lock bunfig.toml ./
RUN bun install --frozen-lockfile --production
COPY . .
