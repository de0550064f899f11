FROM node:20
COPY . .
RUN yarn install --immutable
