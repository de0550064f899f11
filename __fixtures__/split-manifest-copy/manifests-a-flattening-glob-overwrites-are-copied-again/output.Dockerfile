FROM node:20-bookworm
WORKDIR /app
COPY package*.json packages/*/package.json ./
COPY package.json package-lock.json ./
COPY packages/api/package.json ./packages/api/
COPY packages/shared/package.json ./packages/shared/
RUN npm ci
COPY . .
CMD ["npm", "start"]
