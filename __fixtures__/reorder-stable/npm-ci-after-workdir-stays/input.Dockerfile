FROM node:20-slim
COPY . /app
WORKDIR /app/frontend
RUN npm ci
