FROM node:20-bookworm
WORKDIR /app
COPY apps/shot/package.json ./apps/shot/
WORKDIR /app/apps/shot
RUN npm install
WORKDIR /app
COPY . .
WORKDIR /app/apps/shot
CMD ["node", "index.js"]
