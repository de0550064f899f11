FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm
WORKDIR /app
COPY . /app
RUN npm install
CMD ["node", "index.js"]
