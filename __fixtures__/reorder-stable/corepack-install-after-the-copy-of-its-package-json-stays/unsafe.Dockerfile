FROM node:22-bookworm-slim
RUN npm install -g --ignore-scripts corepack@0.31.0
WORKDIR /data
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0
RUN corepack enable && corepack install
COPY . .
CMD ["node", "index.js"]
