FROM oven/bun:1
WORKDIR /app
COPY . /app
RUN bun install --production
CMD ["bun", "index.js"]
