from node:20
workdir /app
copy . .
run npm ci
cmd ["node", "server.js"]
