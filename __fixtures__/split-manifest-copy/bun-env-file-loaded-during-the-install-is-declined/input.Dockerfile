FROM oven/bun:1
WORKDIR /app
COPY . /app
RUN bun install --frozen-lockfile --production
CMD ["bun", "index.js"]
