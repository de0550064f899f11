FROM node:20
COPY . /app
RUN npm ci
