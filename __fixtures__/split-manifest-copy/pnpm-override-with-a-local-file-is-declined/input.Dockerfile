FROM node:18-bookworm
RUN npm install -g pnpm@8.15.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile --prod
EXPOSE 3000
CMD ["node", "server.js"]
