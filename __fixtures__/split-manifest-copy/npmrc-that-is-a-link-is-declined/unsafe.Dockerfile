FROM node:20-bookworm-slim
WORKDIR /app
COPY web/package.json web/package-lock.json web/.npmrc /app/
RUN npm ci
# the services share one npm configuration through a link into shared/
COPY web/ /app/
CMD ["node", "server.js"]
