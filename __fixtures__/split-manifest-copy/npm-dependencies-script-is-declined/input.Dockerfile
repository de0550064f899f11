FROM node:18-bookworm
RUN npm install -g npm@10.8.2
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
EXPOSE 3000
CMD ["node", "server.js"]
