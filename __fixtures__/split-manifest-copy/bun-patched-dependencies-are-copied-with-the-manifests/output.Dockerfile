FROM oven/bun:1.1
WORKDIR /app
COPY package.json bun.lock ./
COPY patches/is-even@1.0.0.patch ./patches/
RUN bun install --frozen-lockfile
COPY . .
CMD ["bun", "run", "index.ts"]
