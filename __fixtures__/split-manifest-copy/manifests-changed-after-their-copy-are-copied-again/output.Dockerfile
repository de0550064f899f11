FROM node:20-bookworm
WORKDIR /app
COPY package*.json ./
RUN npm pkg set scripts.start="node index.js"
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["npm", "start"]
