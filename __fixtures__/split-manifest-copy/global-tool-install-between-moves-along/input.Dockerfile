FROM node:20
WORKDIR /app
COPY . .
RUN npm install -g pnpm@9
RUN pnpm install --frozen-lockfile
