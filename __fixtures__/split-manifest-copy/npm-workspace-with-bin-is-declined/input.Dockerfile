FROM node:20
WORKDIR /repo
COPY . .
RUN npm ci
