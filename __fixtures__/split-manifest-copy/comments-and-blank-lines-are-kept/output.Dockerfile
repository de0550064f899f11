FROM node:20
WORKDIR /app

COPY package.json package-lock.json ./
# Install the dependencies
RUN npm ci

# Bring in the application
COPY . .

CMD ["node", "server.js"]
