FROM node:22
RUN npm install -g pnpm@11.29.0
WORKDIR /app
COPY package.json .pnpmfile.mjs ./
RUN pnpm install
COPY . .
CMD ["node", "index.js"]
