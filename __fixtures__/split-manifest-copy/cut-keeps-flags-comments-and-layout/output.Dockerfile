FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci
COPY . .
# Install and build
# then the production bundle
RUN --mount=type=cache,target=/root/.npm \
    npm run build && \
    npm prune --omit=dev
CMD ["node", "dist/server.js"]
