FROM node:20
WORKDIR /home/node/app
COPY --chown=node:node --chmod=644 --link . .
RUN npm ci
