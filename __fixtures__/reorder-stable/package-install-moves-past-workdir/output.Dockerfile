FROM node:20-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
RUN mkdir -p /opt/tools && curl -fsSL -o /opt/tools/os-release file:///etc/os-release
COPY . /app
WORKDIR /app/frontend
RUN npm ci
