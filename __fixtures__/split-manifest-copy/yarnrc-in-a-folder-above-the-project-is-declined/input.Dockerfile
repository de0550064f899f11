FROM node:18-bookworm
RUN npm install -g yarn@1.22.22
WORKDIR /repo
COPY . .
WORKDIR /repo/web
RUN yarn install --frozen-lockfile
CMD ["yarn", "start"]
