FROM debian:bookworm
RUN apt-get update && \
    apt-get install -y --no-install-recommends nodejs npm node-gyp libnode-dev g++ make python3
WORKDIR /app
COPY . /app
RUN npm ci
CMD ["node", "index.js"]
