FROM node:18-bookworm
RUN npm install -g corepack@0.29.4
WORKDIR /app
ENV NODE_OPTIONS="--require /app/instrumentation.js"
COPY . /app
RUN corepack enable pnpm
CMD ["node", "server.js"]
