FROM node:20-bookworm
RUN npm install -g pnpm@9.15.0
WORKDIR /app
COPY package.json .pnpmfile.cjs ./
RUN pnpm install
COPY . .
CMD ["node", "src/index.js"]
