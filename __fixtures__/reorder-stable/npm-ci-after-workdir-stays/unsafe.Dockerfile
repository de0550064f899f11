FROM node:20-slim
RUN npm ci
COPY . /app
WORKDIR /app/frontend
