FROM node:20
WORKDIR /app
COPY . /app
RUN mkdir -p /var/log/app
RUN npm ci
