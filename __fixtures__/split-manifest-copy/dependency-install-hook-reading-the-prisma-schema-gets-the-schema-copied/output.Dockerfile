FROM node:20-slim
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
COPY prisma/schema.prisma ./prisma/
RUN npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]
