FROM node:18-bookworm
RUN npm install -g corepack@0.29.4
WORKDIR /app
ENV NODE_OPTIONS="--require /app/instrumentation.js"
RUN corepack enable pnpm
COPY . /app
CMD ["node", "server.js"]
