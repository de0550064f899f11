FROM node:20
COPY --chown=node:node . /home/node/app
WORKDIR /home/node/app
ENV NODE_ENV=production
USER node
RUN npm ci
CMD ["node", "server.js"]
