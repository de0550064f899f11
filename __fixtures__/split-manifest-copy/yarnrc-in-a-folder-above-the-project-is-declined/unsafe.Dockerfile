FROM node:18-bookworm
RUN npm install -g yarn@1.22.22
WORKDIR /repo
COPY web/package.json web/yarn.lock ./web/
WORKDIR /repo/web
RUN yarn install --frozen-lockfile
WORKDIR /repo
COPY . .
WORKDIR /repo/web
CMD ["yarn", "start"]
