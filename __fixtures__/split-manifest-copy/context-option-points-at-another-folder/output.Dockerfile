FROM node:20
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
