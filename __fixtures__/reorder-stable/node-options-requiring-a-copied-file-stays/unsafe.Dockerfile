FROM node:18-bookworm
ENV NODE_ENV=production \
    NODE_OPTIONS="--require /app/tracing.js"
WORKDIR /app
RUN npm install -g pm2@5
COPY . .
CMD ["pm2-runtime", "server.js"]
