FROM node:20
WORKDIR /app
COPY . .
RUN ./scripts/setup.sh && npm ci
