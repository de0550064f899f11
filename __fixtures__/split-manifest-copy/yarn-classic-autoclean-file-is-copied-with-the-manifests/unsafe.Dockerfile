FROM node:18-bookworm
RUN npm install -g yarn@1.22.22
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile --production
COPY . .
CMD ["node", "server.js"]
