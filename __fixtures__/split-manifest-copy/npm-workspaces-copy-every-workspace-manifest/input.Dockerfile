FROM node:20
WORKDIR /repo
COPY . .
RUN npm ci
RUN npm run build --workspace=web
