FROM node:18-bookworm
RUN npm install -g npm@10.8.2
WORKDIR /app
COPY package.json package-lock.json /app/
RUN npm ci --omit=dev
COPY . /app
EXPOSE 3000
CMD ["node", "server.js"]
