FROM node:20
RUN corepack enable
WORKDIR /app
COPY package.json yarn.lock /app/
RUN yarn install --frozen-lockfile --production
COPY . /app
CMD ["node", "index.js"]
