FROM node:20
COPY package-lock.json package.json ./
RUN npm install -g pnpm@9
RUN npm install express
