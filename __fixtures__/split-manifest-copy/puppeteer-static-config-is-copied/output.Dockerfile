FROM node:20
WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.json ./
RUN npm ci
COPY . .
CMD ["node", "index.js"]
