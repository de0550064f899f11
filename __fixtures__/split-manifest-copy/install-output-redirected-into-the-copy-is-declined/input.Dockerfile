FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npm ci --silent > install-output.txt
