FROM node:18-bookworm
WORKDIR /app
COPY . .
RUN npm ci
COPY docker/local.conf /etc/myapp/local.conf
RUN chmod 640 /etc/myapp/local.conf
CMD ["node", "index.js"]
