FROM node:20
WORKDIR /app
COPY .yarn/releases ./.yarn/releases/
COPY .yarn/plugins ./.yarn/plugins/
COPY package.json yarn.lock .yarnrc.yml ./
RUN corepack enable && yarn install --immutable
COPY . .
