FROM node:20
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY . /app
RUN pnpm install --frozen-lockfile --prod
CMD ["node", "index.js"]
