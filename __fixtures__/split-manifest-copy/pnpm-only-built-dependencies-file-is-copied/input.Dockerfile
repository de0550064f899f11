FROM node:20
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . .
RUN pnpm install
CMD ["node", "index.js"]
