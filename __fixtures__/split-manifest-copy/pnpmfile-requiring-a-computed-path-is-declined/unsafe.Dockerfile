FROM node:18-bookworm
RUN npm install -g pnpm@8.15.9
WORKDIR /app
COPY package.json pnpm-lock.yaml .pnpmfile.cjs ./
RUN pnpm install --frozen-lockfile --prod
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
