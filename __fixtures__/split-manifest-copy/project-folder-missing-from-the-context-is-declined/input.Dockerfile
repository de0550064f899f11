FROM node:20
WORKDIR /app
COPY . /app
RUN cd client && npm ci
