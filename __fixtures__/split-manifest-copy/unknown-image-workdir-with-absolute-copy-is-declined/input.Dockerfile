FROM ghcr.io/acme/node-base:20
COPY . /app
RUN npm ci
