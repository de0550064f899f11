FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/a/package.json ./packages/a/
COPY packages/legacy/package.json ./packages/legacy/
RUN npm ci
COPY . .
