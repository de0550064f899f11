FROM oven/bun:1
WORKDIR /app
COPY package.json bun.lock bunfig.toml /app/
RUN bun install --frozen-lockfile --production
COPY . /app
CMD ["bun", "index.js"]
