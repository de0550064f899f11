FROM node:20-bookworm-slim

# npm reaches the registry through the company's TLS-inspecting proxy, whose root CA is kept in the repository
ENV NODE_EXTRA_CA_CERTS=/app/certs/corporate-root.pem

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

CMD ["node", "src/build.js"]
