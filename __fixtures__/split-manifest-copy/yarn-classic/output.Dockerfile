FROM node:18
WORKDIR /app
COPY package.json yarn.lock .yarnrc ./
COPY .yarn/releases/yarn-1.22.22.cjs ./.yarn/releases/
RUN yarn install --frozen-lockfile --production && yarn cache clean
COPY . .
CMD ["node", "index.js"]
