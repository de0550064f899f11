FROM node:20-bookworm
WORKDIR /app
COPY . .
WORKDIR /app/apps/shot
RUN npm install
CMD ["node", "index.js"]
