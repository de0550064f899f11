FROM node:18-bookworm
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile
