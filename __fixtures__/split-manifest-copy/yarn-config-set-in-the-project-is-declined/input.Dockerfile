FROM node:20
WORKDIR /app
COPY . .
RUN yarn config set nodeLinker node-modules && yarn install
