FROM node:20-bookworm
WORKDIR /app
COPY package.json ./
RUN npm install --ignore-scripts
COPY . .
CMD ["node", "index.js"]
