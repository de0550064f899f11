FROM node:18
WORKDIR /app
COPY . .
# node_modules only lives for the build: keep it out of the image
RUN --mount=type=tmpfs,target=/app/node_modules npm ci && npm run build
CMD ["node", "dist/server.js"]
