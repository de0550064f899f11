FROM node:18
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=tmpfs,target=/app/node_modules npm ci
COPY . .
# node_modules only lives for the build: keep it out of the image
RUN --mount=type=tmpfs,target=/app/node_modules npm run build
CMD ["node", "dist/server.js"]
