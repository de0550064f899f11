FROM debian:bookworm
RUN apt-get update && \
    apt-get install -y --no-install-recommends nodejs npm node-gyp libnode-dev g++ make python3
WORKDIR /app
COPY package.json package-lock.json /app/
RUN npm ci
COPY . /app
CMD ["node", "index.js"]
