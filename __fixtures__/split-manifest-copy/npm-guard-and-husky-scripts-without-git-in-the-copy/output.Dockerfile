FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# preinstall: npx only-allow npm; prepare: husky (git hooks, only in a git repository)
RUN npm ci
COPY . .
RUN npm run build
