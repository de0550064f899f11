FROM node:20
WORKDIR /app
COPY . .
# Install and build
RUN --mount=type=cache,target=/root/.npm \
    npm ci && \
    # then the production bundle
    npm run build && \
    npm prune --omit=dev
CMD ["node", "dist/server.js"]
