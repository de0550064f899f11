FROM node:20-slim
WORKDIR /home/app/src
ENV NODE_ENV=production
RUN groupadd --system app && useradd --system --gid app app
COPY . .
LABEL org.opencontainers.image.title="demo"
RUN npm ci
USER app
