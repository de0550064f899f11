FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# preinstall: npx only-allow npm; prepare: husky (git hooks, only in a git repository)
RUN npm ci
RUN npm run build
