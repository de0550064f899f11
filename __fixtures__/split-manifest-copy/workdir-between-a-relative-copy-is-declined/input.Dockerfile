FROM node:20
WORKDIR /app
COPY . .
WORKDIR /app/web
RUN npm ci
