from node:20
workdir /app
copy package.json package-lock.json ./
run npm ci
copy . .
cmd ["node", "server.js"]
