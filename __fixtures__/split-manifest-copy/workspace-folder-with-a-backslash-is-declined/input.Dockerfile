FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN npm install --ignore-scripts
CMD ["node", "index.js"]
