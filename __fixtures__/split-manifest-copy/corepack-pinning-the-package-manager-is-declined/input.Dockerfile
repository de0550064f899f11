FROM node:20
RUN corepack enable
WORKDIR /app
COPY . /app
RUN yarn install --frozen-lockfile --production
CMD ["node", "index.js"]
