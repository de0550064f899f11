FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm ca-certificates && \
    npm install -g n && n 20
RUN npm --version > /etc/npm-version
