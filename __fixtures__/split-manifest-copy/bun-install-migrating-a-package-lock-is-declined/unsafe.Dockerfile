FROM oven/bun:1
WORKDIR /app
COPY package.json /app/
RUN bun install --production
COPY . /app
CMD ["bun", "index.js"]
