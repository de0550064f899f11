FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci --omit=dev && npm cache clean --force
EXPOSE 3000
CMD ["node", "server.js"]
