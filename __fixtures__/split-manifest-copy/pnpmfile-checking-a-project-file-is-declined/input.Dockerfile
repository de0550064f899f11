FROM node:20-bookworm
RUN npm install -g pnpm@9.15.0
WORKDIR /app
COPY . .
RUN pnpm install
CMD ["node", "src/index.js"]
