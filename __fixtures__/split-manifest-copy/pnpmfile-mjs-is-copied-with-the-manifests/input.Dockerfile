FROM node:22
RUN npm install -g pnpm@11.29.0
WORKDIR /app
COPY . .
RUN pnpm install
CMD ["node", "index.js"]
