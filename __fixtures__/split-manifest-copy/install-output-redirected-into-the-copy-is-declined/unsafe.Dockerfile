FROM node:20-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci > install-output.txt
COPY . .
