FROM node:18-bookworm
WORKDIR /app
COPY docker/local.conf /etc/myapp/local.conf
RUN chmod 640 /etc/myapp/local.conf
COPY . .
RUN npm ci
CMD ["node", "index.js"]
