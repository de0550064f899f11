FROM node:20-bookworm-slim
WORKDIR /app
# the services share one npm configuration through a link into shared/
COPY web/ /app/
RUN npm ci
CMD ["node", "server.js"]
