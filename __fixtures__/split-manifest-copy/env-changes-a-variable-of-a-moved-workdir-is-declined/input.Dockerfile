FROM node:20
WORKDIR /app
COPY . .
ENV SUB=web
WORKDIR $SUB
ENV SUB=other
RUN npm ci
CMD ["node", "server.js"]
