FROM node:18-bookworm
USER node
WORKDIR /home/node/app
RUN npm install --prefix /home/node/tools left-pad@1.3.0
COPY npmrc /home/node/.npmrc
COPY --chown=node:node . .
CMD ["node", "server.js"]
