FROM node:20
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY package.json build-allow.json ./
RUN pnpm install
COPY . .
CMD ["node", "index.js"]
