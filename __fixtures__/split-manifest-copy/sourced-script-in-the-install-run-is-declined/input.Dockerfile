FROM node:20
WORKDIR /app
COPY . .
RUN . ./env.sh && npm ci
