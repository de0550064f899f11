FROM node:20
WORKDIR /app
ENV NPM_CONFIG_USERCONFIG=/app/.npmrc.ci
COPY . .
RUN npm ci
CMD ["node", "index.js"]
