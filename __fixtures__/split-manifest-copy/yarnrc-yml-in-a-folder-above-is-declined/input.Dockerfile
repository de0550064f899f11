FROM node:20-bookworm-slim
RUN npm install -g @yarnpkg/cli-dist@4.5.0
COPY yarnrc.yml /srv/.yarnrc.yml
WORKDIR /srv/app
COPY . .
RUN yarn install --immutable
CMD ["node", "index.js"]
