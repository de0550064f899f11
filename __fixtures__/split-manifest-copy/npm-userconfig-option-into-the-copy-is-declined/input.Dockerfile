FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm install --userconfig ci/npmrc
CMD ["node", "index.js"]
