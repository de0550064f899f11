FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
COPY .config/puppeteerrc.json ./.config/
RUN npm ci
COPY . .
CMD ["node", "index.js"]
