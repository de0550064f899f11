FROM node:20
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
