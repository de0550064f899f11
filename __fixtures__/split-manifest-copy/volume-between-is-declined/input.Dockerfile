FROM node:20
WORKDIR /app
COPY . /app
VOLUME /app/data
RUN npm ci
