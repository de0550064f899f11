FROM node:20
WORKDIR /app
COPY web/package.json web/package-lock.json ./web/
ENV SUB=web
WORKDIR $SUB
ENV SUB=other
RUN npm ci
WORKDIR /app
COPY . .
WORKDIR $SUB
CMD ["node", "server.js"]
