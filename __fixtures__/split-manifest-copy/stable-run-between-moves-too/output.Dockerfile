FROM node:20
WORKDIR /app
COPY package.json package-lock.json /app/
RUN mkdir -p /var/log/app
RUN npm ci
COPY . /app
