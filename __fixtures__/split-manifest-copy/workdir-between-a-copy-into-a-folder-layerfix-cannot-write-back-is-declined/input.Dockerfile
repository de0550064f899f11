FROM node:20
WORKDIR /srv/app:1
COPY . .
WORKDIR web
RUN npm ci
CMD ["node", "server.js"]
