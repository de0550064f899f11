FROM node:20
COPY --chown=node:node package.json package-lock.json /home/node/app/
WORKDIR /home/node/app
ENV NODE_ENV=production
USER node
RUN npm ci
COPY --chown=node:node . /home/node/app
CMD ["node", "server.js"]
