FROM node:18-bookworm
WORKDIR /app
COPY package.json yarn.lock ./
COPY packages/tool/package.json ./packages/tool/
RUN yarn install --frozen-lockfile
COPY . .
