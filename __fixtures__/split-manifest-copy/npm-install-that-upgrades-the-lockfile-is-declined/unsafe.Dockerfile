FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm
WORKDIR /app
COPY package.json package-lock.json /app/
RUN npm install
COPY . /app
CMD ["node", "index.js"]
