FROM node:20
WORKDIR /home/node/app
COPY --chown=node:node --chmod=644 --link package.json package-lock.json ./
RUN npm ci
COPY --chown=node:node --chmod=644 --link . .
