FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json ./
RUN npm install --userconfig ci/npmrc
COPY . .
CMD ["node", "index.js"]
