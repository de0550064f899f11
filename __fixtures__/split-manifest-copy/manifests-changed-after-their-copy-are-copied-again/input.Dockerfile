FROM node:20-bookworm
WORKDIR /app
COPY package*.json ./
RUN npm pkg set scripts.start="node index.js"
COPY . .
RUN npm ci
CMD ["npm", "start"]
