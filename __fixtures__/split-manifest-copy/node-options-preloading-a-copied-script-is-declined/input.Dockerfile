FROM node:20-bookworm-slim

# every node process (npm included) trusts the company proxy's CA through a preloaded script
ENV NODE_OPTIONS="--require /app/scripts/proxy-ca.js"

WORKDIR /app
COPY . .
RUN npm ci && npm run build

CMD ["node", "src/build.js"]
