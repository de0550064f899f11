FROM node:20-bookworm-slim
RUN npm install -g @yarnpkg/cli-dist@4.5.0
COPY yarnrc.yml /srv/.yarnrc.yml
WORKDIR /srv/app
COPY package.json yarn.lock ./
RUN yarn install --immutable
COPY . .
CMD ["node", "index.js"]
