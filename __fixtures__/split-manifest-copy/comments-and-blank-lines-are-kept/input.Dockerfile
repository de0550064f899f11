FROM node:20
WORKDIR /app

# Bring in the application
COPY . .

# Install the dependencies
RUN npm ci

CMD ["node", "server.js"]
