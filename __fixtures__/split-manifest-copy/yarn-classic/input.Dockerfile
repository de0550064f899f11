FROM node:18
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile --production && yarn cache clean
CMD ["node", "index.js"]
