FROM node:20
WORKDIR /app
COPY . .
RUN ./scripts/generate-config.sh
RUN npm ci
