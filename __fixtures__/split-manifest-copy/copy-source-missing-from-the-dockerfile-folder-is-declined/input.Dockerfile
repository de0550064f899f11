# Built from the repository root: docker build -f services/api/Dockerfile .
FROM node:20-slim
WORKDIR /app
COPY services/api/.env.defaults ./.env
COPY . .
RUN npm ci --omit=dev
CMD ["node", "services/api/server.js"]
