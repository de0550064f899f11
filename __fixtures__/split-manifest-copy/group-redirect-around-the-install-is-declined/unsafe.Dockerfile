FROM node:20-bookworm
WORKDIR /app
COPY package.json package-lock.json ./
RUN { npm ci > /dev/null; echo installed; } > /app/install-output.txt
COPY . .
